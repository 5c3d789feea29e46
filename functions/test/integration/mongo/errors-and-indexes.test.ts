import { MongoClient, type Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureIndexes } from "../../../src/adapters/mongo/indexes.js";
import { mongoOpportunityRepository } from "../../../src/adapters/mongo/opportunity-repository.js";
import { mongoSubmissionRepository } from "../../../src/adapters/mongo/submission-repository.js";
import { AppError } from "../../../src/domain/app-error.js";
import { aClaim, anActiveOpportunity, now } from "./fixtures.js";
import { openTestDatabase, storedDocuments, testId } from "./mongo-test-database.js";

let db: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase("it_mongo_errors"));
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
    const submissions = mongoSubmissionRepository(db);
    const claim = aClaim(anActiveOpportunity());
    const submission = {
      id: testId("sub"),
      claimId: claim.id,
      opportunityId: claim.opportunityId,
      orgId: claim.orgId,
      userId: claim.userId,
      taskId: "task_1",
      answers: { score: 4, "odd.key": "kept" },
      status: "approved" as const,
      checks: [{ name: "answers_match_questions", passed: true }],
      createdAt: now,
    };
    await submissions.insert(submission);
    await expect(submissions.insert(submission)).rejects.toMatchObject({ name: "AppError", code: "conflict" });
    expect(await storedDocuments(db, "submissions").findOne({ _id: submission.id })).toMatchObject({
      answers: [
        { questionId: "score", value: 4 },
        { questionId: "odd.key", value: "kept" },
      ],
    });
  });
});

describe("ensureIndexes", () => {
  it("can run again on a database that has the indexes", async () => {
    await ensureIndexes(db);
    const claimIndexes = await storedDocuments(db, "claims").listIndexes().toArray();
    expect(claimIndexes).toContainEqual(expect.objectContaining({ key: { opportunityId: 1, userId: 1 }, unique: true }));
    const rewardIndexes = await storedDocuments(db, "rewards").listIndexes().toArray();
    expect(rewardIndexes).toContainEqual(expect.objectContaining({ key: { claimId: 1 }, unique: true }));
  });
});
