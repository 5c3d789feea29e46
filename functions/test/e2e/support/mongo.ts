import { MongoClient, type Db } from "mongodb";
import { platformEnv } from "../../integration/support/local-platform.js";

/** The database the functions use, for asserting what they stored. */
export function platformDatabase(): { db: Db; close: () => Promise<void> } {
  const client = new MongoClient(platformEnv("MONGODB_URI"));
  return { db: client.db(process.env.MONGODB_DATABASE ?? "userx"), close: () => client.close() };
}
