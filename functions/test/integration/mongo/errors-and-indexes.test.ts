import { MongoClient, type Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backfillVersions, dropRetiredIndexes, ensureIndexes, numberClaims } from "../../../src/adapters/mongo/indexes.js";
import { mongoOpportunityRepository } from "../../../src/adapters/mongo/opportunity-repository.js";
import { mongoRepositories } from "../../../src/adapters/mongo/repositories.js";
import { AppError } from "../../../src/domain/app-error.js";
import { aClaim, anActiveOpportunity, anOrganization, aSubmission, aUser } from "./fixtures.js";
import { openTestDatabase, storedDocument, storedDocuments, testId } from "./mongo-test-database.js";

let db: Db;
let drop: () => Promise<void>;
let repositories: ReturnType<typeof mongoRepositories>;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase("it_mongo_errors"));
  repositories = mongoRepositories(db);
});

afterAll(() => drop());

describe("driver errors at the adapter boundary", () => {
  it("turns an unreachable server into AppError unavailable, keeping the cause", async () => {
    // Nothing listens on port 9; the short selection timeout keeps the test quick.
    const client = new MongoClient("mongodb://127.0.0.1:9/?retryWrites=false", { serverSelectionTimeoutMS: 300 });
    try {
      const error = await mongoOpportunityRepository(client.db("unreachable"))
        .findById(testId("opp"))
        .then(() => undefined, (reason: unknown) => reason);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "unavailable", cause: expect.objectContaining({ name: "MongoServerSelectionError" }) });
    } finally {
      await client.close();
    }
  });

  it("turns a duplicate id into AppError conflict", async () => {
    const opportunity = anActiveOpportunity();
    const submission = aSubmission(aClaim(opportunity), opportunity);
    await repositories.submissions.insert(submission);
    await expect(repositories.submissions.insert(submission)).rejects.toMatchObject({ name: "AppError", code: "conflict" });
    expect(await storedDocuments(db, "submissions").countDocuments({ _id: submission.id })).toBe(1);
  });
});

describe("submissions", () => {
  it("store their answers sealed as one value, whatever the keys, and read them back as the record they were", async () => {
    const opportunity = anActiveOpportunity();
    const submission = aSubmission(aClaim(opportunity), opportunity);
    await repositories.submissions.insert(submission);

    const stored = await storedDocument(db, "submissions", submission.id);
    expect(stored).toMatchObject({ answers: expect.stringMatching(/^pii1\./), version: 1 });
    // The answer values are sealed; the question ids a failed check names are the organization's, not personal.
    expect(JSON.stringify(stored)).not.toContain("kept");
    expect(await repositories.submissions.findById(submission.id)).toEqual(submission);
  });

  it("stored as a list before answers were sealed, still read back as the record they were, and are sealed when saved", async () => {
    const opportunity = anActiveOpportunity();
    const submission = aSubmission(aClaim(opportunity), opportunity);
    await repositories.submissions.insert(submission);
    const list = [
      { questionId: "score", value: 4 },
      { questionId: "odd.key", value: "kept" },
      { questionId: "$where", value: ["a", "b"] },
    ];
    await storedDocuments(db, "submissions").updateOne({ _id: submission.id }, { $set: { answers: list } });
    expect(await repositories.submissions.findById(submission.id)).toEqual(submission);

    const next = { ...submission, answers: { "a.b": "c" } };
    expect(await repositories.submissions.save(next, 1)).toEqual({ ...next, version: 2 });
    expect(await storedDocument(db, "submissions", submission.id)).toMatchObject({ answers: expect.stringMatching(/^pii1\./), version: 2 });
  });
});

describe("ensureIndexes", () => {
  it("can run again on a database that has the indexes", async () => {
    await ensureIndexes(db);
    const claimIndexes = await storedDocuments(db, "claims").listIndexes().toArray();
    expect(claimIndexes).toContainEqual(expect.objectContaining({ key: { opportunityId: 1, userId: 1, sequence: 1 }, unique: true }));
    const rewardIndexes = await storedDocuments(db, "rewards").listIndexes().toArray();
    expect(rewardIndexes).toContainEqual(expect.objectContaining({ key: { claimId: 1 }, unique: true }));
    expect(await storedDocuments(db, "users").listIndexes().toArray()).toContainEqual(expect.objectContaining({ key: { identityKey: 1 }, unique: true }));
    expect(await storedDocuments(db, "api_keys").listIndexes().toArray()).toContainEqual(expect.objectContaining({ key: { hash: 1 }, unique: true }));
  });
});

describe("repeat claims' migration: numberClaims, ensureIndexes, dropRetiredIndexes", () => {
  it("numbers the claims stored before sequences, swaps the one-claim index for the sequence one, and lets a participant's second claim in", async () => {
    const { db: own, drop: dropOwn } = await openTestDatabase("it_mongo_repeat_claims");
    try {
      const claims = storedDocuments(own, "claims");
      // The database as it was: one claim per participant, kept by a unique (opportunity, participant) index.
      await claims.createIndex({ opportunityId: 1, userId: 1 }, { unique: true });
      const opportunity = anActiveOpportunity();
      const claim = aClaim(opportunity);
      await mongoRepositories(own).claims.insert(claim, []);
      await claims.updateOne({ _id: claim.id }, { $unset: { sequence: "" } });

      expect(await numberClaims(own)).toBe(1);
      await ensureIndexes(own);
      expect(await dropRetiredIndexes(own)).toEqual(["claims.opportunityId_1_userId_1"]);

      const keys = (await claims.listIndexes().toArray()).map((index) => index["key"]);
      expect(keys).toContainEqual({ opportunityId: 1, userId: 1, sequence: 1 });
      expect(keys).not.toContainEqual({ opportunityId: 1, userId: 1 });
      expect(await storedDocument(own, "claims", claim.id)).toMatchObject({ sequence: 1 });
      const second = { ...aClaim(opportunity, { userId: claim.userId }), sequence: 2 };
      await mongoRepositories(own).claims.insert(second, []);
      const again = { ...aClaim(opportunity, { userId: claim.userId }), sequence: 2 };
      await expect(mongoRepositories(own).claims.insert(again, [])).rejects.toMatchObject({ code: "conflict" });
      // Run again, as every start does: nothing left to do.
      expect(await numberClaims(own)).toBe(0);
      expect(await dropRetiredIndexes(own)).toEqual([]);
    } finally {
      await dropOwn();
    }
  });
});

describe("backfillVersions", () => {
  it("gives version 1 to every aggregate stored without one, and leaves the others and other collections as they are", async () => {
    const { db: own, drop: dropOwn } = await openTestDatabase("it_mongo_backfill");
    try {
      const stores = mongoRepositories(own);
      const opportunity = anActiveOpportunity();
      const claim = aClaim(opportunity);
      const org = anOrganization();
      const user = aUser();
      await stores.opportunities.insert(opportunity);
      await stores.claims.insert(claim, []);
      await stores.organizations.insert(org);
      await stores.users.insert(user);
      await stores.claims.save({ ...claim, completedTaskIds: ["task_1"] }, 1);
      // Stored before aggregates had a version.
      for (const [collection, id] of [["opportunities", opportunity.id], ["organizations", org.id], ["users", user.id]] as const) {
        await storedDocuments(own, collection).updateOne({ _id: id }, { $unset: { version: "" } });
      }
      await storedDocuments(own, "events").insertOne({ _id: testId("evt"), type: "claim.created.v1" });
      const before = { claim: await storedDocument(own, "claims", claim.id) };
      await expect(stores.users.findById(user.id)).rejects.toMatchObject({ name: "AppError", code: "internal" });

      expect(await backfillVersions(own)).toBe(3);

      expect(await stores.opportunities.findById(opportunity.id)).toEqual(opportunity);
      expect(await stores.organizations.findById(org.id)).toEqual(org);
      expect(await stores.users.findById(user.id)).toEqual(user);
      expect(await storedDocument(own, "claims", claim.id)).toEqual(before.claim);
      expect(await storedDocuments(own, "events").countDocuments({ version: { $exists: true } })).toBe(0);
      expect(await backfillVersions(own)).toBe(0);
      // Saves compare on the backfilled version.
      expect(await stores.opportunities.save({ ...opportunity, title: "Saved" }, 1)).toMatchObject({ title: "Saved", version: 2 });
    } finally {
      await dropOwn();
    }
  });
});
