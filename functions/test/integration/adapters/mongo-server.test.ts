import { MongoClient, MongoServerError, type Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { platformEnv, uniqueName } from "../support/local-platform.js";

// The MongoDB-compatible server (FerretDB on SQLite) through the official driver: the operations
// our repositories rely on.

interface Slot {
  _id: string;
  remaining: number;
  taken: number;
}

let client: MongoClient;
let db: Db;

beforeAll(async () => {
  client = new MongoClient(platformEnv("MONGODB_URI"));
  db = client.db(uniqueName("it_mongo").replace(/-/g, "_"));
});

afterAll(async () => {
  await db.dropDatabase();
  await client.close();
});

describe("MongoDB-compatible server", () => {
  it("inserts, then finds with a filter and a sort", async () => {
    const items = db.collection<{ _id: string; kind: string; rank: number }>("items");
    await items.insertMany([
      { _id: "a", kind: "survey", rank: 2 },
      { _id: "b", kind: "upload", rank: 1 },
      { _id: "c", kind: "survey", rank: 3 },
      { _id: "d", kind: "survey", rank: 1 },
    ]);
    const found = await items.find({ kind: "survey" }).sort({ rank: -1 }).toArray();
    expect(found.map((item) => item._id)).toEqual(["c", "a", "d"]);
  });

  it("rejects a duplicate on a unique index with code 11000", async () => {
    const claims = db.collection<{ _id: string; userId: string; opportunityId: string }>("claims");
    await claims.createIndex({ opportunityId: 1, userId: 1 }, { unique: true });
    await claims.insertOne({ _id: "clm_1", userId: "usr_1", opportunityId: "opp_1" });
    const duplicate = await claims.insertOne({ _id: "clm_2", userId: "usr_1", opportunityId: "opp_1" }).catch((error: unknown) => error);
    expect(duplicate).toBeInstanceOf(MongoServerError);
    expect((duplicate as MongoServerError).code).toBe(11000);
    expect(await claims.countDocuments({ opportunityId: "opp_1" })).toBe(1);
  });

  it("increments with findOneAndUpdate only while the guard holds", async () => {
    const slots = db.collection<Slot>("slots");
    await slots.insertOne({ _id: "opp_1", remaining: 2, taken: 0 });
    const take = () =>
      slots.findOneAndUpdate(
        { _id: "opp_1", remaining: { $gt: 0 } },
        { $inc: { remaining: -1, taken: 1 } },
        { returnDocument: "after" },
      );
    expect((await take())?.taken).toBe(1);
    expect((await take())?.taken).toBe(2);
    expect(await take()).toBeNull();
    expect((await slots.findOne({ _id: "opp_1" }))?.taken).toBe(2);
  });

  it("iterates a cursor across batches", async () => {
    const events = db.collection<{ _id: number }>("events");
    await events.insertMany(Array.from({ length: 250 }, (_, i) => ({ _id: i })));
    const seen: number[] = [];
    for await (const event of events.find({}, { batchSize: 40 }).sort({ _id: 1 })) seen.push(event._id);
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => i));
  });
});
