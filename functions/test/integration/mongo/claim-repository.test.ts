import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mongoClaimRepository } from "../../../src/adapters/mongo/claim-repository.js";
import type { Claim } from "../../../src/domain/claims/claim.js";
import type { ClaimRepository } from "../../../src/ports/repositories.js";
import { aClaim, anActiveOpportunity, claimCompleted, claimCreated, now, secondsAfter } from "./fixtures.js";
import { concurrently, openTestDatabase, storedDocuments, testId } from "./mongo-test-database.js";

let db: Db;
let drop: () => Promise<void>;
let claims: ClaimRepository;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase("it_mongo_claims"));
  claims = mongoClaimRepository(db);
});

afterAll(() => drop());

const stored = (id: string) => storedDocuments(db, "claims").findOne({ _id: id });

/** An active claim on an opportunity of `tasks` tasks, with `approved` of them already approved. */
async function aStoredClaim(tasks: number, approved: number): Promise<Claim> {
  const claim = aClaim(anActiveOpportunity({ tasks }));
  const withApprovals = { ...claim, completedTaskIds: Array.from({ length: approved }, (_, index) => `task_${index + 1}`) };
  await claims.insert(withApprovals, []);
  return withApprovals;
}

describe("mongoClaimRepository", () => {
  it("stores a claim with its events and reads it back", async () => {
    const claim = aClaim(anActiveOpportunity());
    const created = claimCreated(claim);
    await claims.insert(claim, [created]);
    expect(await claims.findById(claim.id)).toEqual(claim);
    expect(await claims.findByUserAndOpportunity(claim.userId, claim.opportunityId)).toEqual(claim);
    expect(await stored(claim.id)).toMatchObject({ outbox: [created] });
  });

  it("refuses a second claim of the same user on the same opportunity, writing nothing", async () => {
    const opportunity = anActiveOpportunity();
    const first = aClaim(opportunity);
    const second = { ...aClaim(opportunity, { userId: first.userId }), createdAt: secondsAfter(now, 5) };
    const created = claimCreated(first);
    await claims.insert(first, [created]);

    await expect(claims.insert(second, [claimCreated(second)])).rejects.toMatchObject({ name: "AppError", code: "already_claimed" });

    expect(await storedDocuments(db, "claims").find({ opportunityId: opportunity.id }).toArray()).toEqual([
      expect.objectContaining({ _id: first.id, createdAt: first.createdAt, outbox: [created] }),
    ]);
    expect(await stored(second.id)).toBeNull();
  });

  it("lets another user claim the same opportunity", async () => {
    const opportunity = anActiveOpportunity();
    await claims.insert(aClaim(opportunity), []);
    await claims.insert(aClaim(opportunity), []);
    expect(await storedDocuments(db, "claims").countDocuments({ opportunityId: opportunity.id })).toBe(2);
  });

  it("lists a user's claims, filtered by status and opportunity", async () => {
    const userId = testId("usr");
    const [a, b, c] = [0, 1, 2].map((i) => aClaim(anActiveOpportunity(), { userId, createdAt: secondsAfter(now, i) }));
    if (!a || !b || !c) throw new Error("three claims expected");
    await claims.insert(a, []);
    await claims.insert({ ...b, status: "expired" }, []);
    await claims.insert(c, []);
    await claims.insert(aClaim(anActiveOpportunity()), []);

    expect((await claims.listByUser(userId, {}, { limit: 10, order: "desc" })).items.map((claim) => claim.id)).toEqual([c.id, b.id, a.id]);
    expect((await claims.listByUser(userId, { status: "active" }, { limit: 10, order: "asc" })).items.map((claim) => claim.id)).toEqual([a.id, c.id]);
    expect((await claims.listByUser(userId, { opportunityId: b.opportunityId }, { limit: 10, order: "asc" })).items).toEqual([{ ...b, status: "expired" }]);
  });

  describe("approveTask", () => {
    it("records a task that is not the last without completing the claim, even when given a completion", async () => {
      const claim = await aStoredClaim(3, 0);
      const updated = await claims.approveTask(claim.id, "task_1", { at: now, events: [claimCompleted(claim, now)] });
      expect(updated).toMatchObject({ status: "active", completedTaskIds: ["task_1"], completedAt: null });
      expect(await stored(claim.id)).toMatchObject({ status: "active", completedTaskIds: ["task_1"], outbox: [] });
    });

    it("completes the claim with its events when the last task is approved", async () => {
      const claim = await aStoredClaim(2, 1);
      const at = secondsAfter(now, 30);
      const completed = claimCompleted(claim, at);
      const updated = await claims.approveTask(claim.id, "task_2", { at, events: [completed] });
      expect(updated).toEqual({ ...claim, status: "completed", completedTaskIds: ["task_1", "task_2"], completedAt: at });
      expect(await stored(claim.id)).toMatchObject({ status: "completed", completedAt: at, outbox: [completed] });
    });

    it("completes exactly once when the last two tasks are approved at the same time", async () => {
      for (let round = 0; round < 10; round++) {
        const claim = await aStoredClaim(3, 1);
        const approvals = ["task_2", "task_3"].map((taskId) => ({ taskId, event: claimCompleted(claim, now) }));

        const results = await Promise.all(approvals.map(({ taskId, event }) => claims.approveTask(claim.id, taskId, { at: now, events: [event] })));

        const document = await stored(claim.id);
        expect(document).toMatchObject({ status: "completed", completedAt: now });
        expect([...(document?.completedTaskIds ?? [])].sort()).toEqual(["task_1", "task_2", "task_3"]);
        expect(document?.outbox).toHaveLength(1);
        expect(results.filter((result) => result?.status === "completed")).toHaveLength(1);
        expect(results.filter((result) => result?.status === "active")).toHaveLength(1);
      }
    });

    it("completes once under duplicate approvals of the last task", async () => {
      const claim = await aStoredClaim(2, 1);
      const results = await concurrently(10, () => claims.approveTask(claim.id, "task_2", { at: now, events: [claimCompleted(claim, now)] }));

      expect(await stored(claim.id)).toMatchObject({ status: "completed", completedTaskIds: ["task_1", "task_2"], outbox: [expect.anything()] });
      // One approval completed the claim; the others found it completed, no longer active.
      expect(results.filter((result) => result?.status === "completed")).toHaveLength(1);
      expect(results.filter((result) => result === null)).toHaveLength(9);
    });

    it("treats a repeated approval of an active claim as done already", async () => {
      const claim = await aStoredClaim(3, 1);
      const results = await concurrently(5, () => claims.approveTask(claim.id, "task_2", null));
      for (const result of results) expect(result).toMatchObject({ status: "active", completedTaskIds: ["task_1", "task_2"] });
      expect(await stored(claim.id)).toMatchObject({ completedTaskIds: ["task_1", "task_2"] });
    });

    it("refuses to record the last task without a completion to write", async () => {
      const claim = await aStoredClaim(2, 1);
      await expect(claims.approveTask(claim.id, "task_2", null)).rejects.toMatchObject({ code: "conflict" });
      expect(await stored(claim.id)).toMatchObject({ status: "active", completedTaskIds: ["task_1"], outbox: [] });
    });

    it("answers null for a claim that is not active or does not exist", async () => {
      const claim = aClaim(anActiveOpportunity({ tasks: 2 }));
      await claims.insert({ ...claim, status: "expired" }, []);
      expect(await claims.approveTask(claim.id, "task_1", null)).toBeNull();
      expect(await claims.approveTask(testId("clm"), "task_1", null)).toBeNull();
      expect(await stored(claim.id)).toMatchObject({ completedTaskIds: [] });
    });
  });
});
