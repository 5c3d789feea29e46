import type { MongoClient } from "mongodb";
import type { DependencyProbe } from "../../ports/dependency-probe.js";

export function mongoProbe(client: MongoClient, database: string): DependencyProbe {
  return {
    name: "database",
    async check() {
      await client.db(database).command({ ping: 1 });
    },
  };
}
