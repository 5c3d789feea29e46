import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mongoClaimRepository } from "../../../src/adapters/mongo/claim-repository.js";
import { insertIfAbsent } from "../../../src/app/shared/update-aggregate.js";
import type { Claim } from "../../../src/domain/claims/claim.js";
import type { ClaimRepository } from "../../../src/ports/claim-repository.js";
import { aClaim, anActiveOpportunity, approveTask, claimCompleted, claimCreated, now, secondsAfter } from "./fixtures.js";
import { concurrently, openTestDatabase, rejectionOf, storedDocument, storedDocuments, testId } from "./mongo-test-database.js";

let db: Db;
let drop: () => Promise<void>;
let claims: ClaimRepository;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase("it_mongo_claims"));
  claims = mongoClaimRepository(db);
});

afterAll(() => drop());

const stored = (id: string) => storedDocument(db, "claims", id);

/** An active claim on an opportunity of `tasks` tasks, with `approved` of them already approved. */
async function aStoredClaim(tasks: number, approved: number): Promise<Claim> {
  const claim = aClaim(anActiveOpportunity({ tasks }));
  const withApprovals = { ...claim, completedTaskIds: Array.from({ length: approved }, (_, index) => `task_${index + 1}`) };
  await claims.insert(withApprovals, []);
  return withApprovals;
}

/** The claim.completed.v1 events waiting in the claim's outbox. */
async function completions(claimId: string): Promise<unknown[]> {
  const outbox: unknown[] = (await stored(claimId))?.outbox ?? [];
  return outbox.filter((event) => typeof event === "object" && event !== null && "type" in event && event.type === "claim.completed.v1");
}

describe("mongoClaimRepository", () => {
  it("stores a claim with its events and reads it back, by id and by user and opportunity", async () => {
    const claim = { ...aClaim(anActiveOpportunity()), requestKey: "created-by-this-request" };
    const created = claimCreated(claim);
    await claims.insert(claim, [created]);
    expect(await claims.findById(claim.id)).toEqual({ ...claim, version: 1 });
    expect(await claims.findLatestOf(claim.userId, claim.opportunityId)).toEqual(claim);
    expect(await claims.findLatestOf(claim.userId, testId("opp"))).toBeNull();
    expect(await claims.findCreatedBy(claim.userId, claim.opportunityId, "created-by-this-request")).toEqual(claim);
    expect(await claims.findCreatedBy(claim.userId, claim.opportunityId, "another-request")).toBeNull();
    expect(await stored(claim.id)).toMatchObject({ version: 1, outbox: [created] });
  });

  it("finds a participant's newest claim of an opportunity by its sequence number", async () => {
    const opportunity = anActiveOpportunity();
    const first = aClaim(opportunity);
    const third = { ...aClaim(opportunity, { userId: first.userId }), sequence: 3 };
    const second = { ...aClaim(opportunity, { userId: first.userId }), sequence: 2 };
    for (const claim of [first, third, second]) await claims.insert(claim, []);
    expect(await claims.findLatestOf(first.userId, opportunity.id)).toMatchObject({ id: third.id, sequence: 3 });
  });

  it("refuses a second claim of the same user on the same opportunity with the same sequence number with conflict, writing nothing", async () => {
    const opportunity = anActiveOpportunity();
    const first = aClaim(opportunity);
    const second = { ...aClaim(opportunity, { userId: first.userId }), createdAt: secondsAfter(now, 5) };
    const created = claimCreated(first);
    await claims.insert(first, [created]);

    expect(await rejectionOf(claims.insert(second, [claimCreated(second)]))).toMatchObject({ name: "AppError", code: "conflict" });

    expect(await storedDocuments(db, "claims").find({ opportunityId: opportunity.id }).toArray()).toEqual([
      expect.objectContaining({ _id: first.id, createdAt: first.createdAt, outbox: [created] }),
    ]);
    expect(await stored(second.id)).toBeNull();
  });

  it("lets exactly one of a user's concurrent claims on one opportunity in", async () => {
    const opportunity = anActiveOpportunity();
    const userId = testId("usr");
    const inserted = await concurrently(10, () => insertIfAbsent(claims, aClaim(opportunity, { userId })));
    expect(inserted.filter(Boolean)).toHaveLength(1);
    expect(await storedDocuments(db, "claims").countDocuments({ opportunityId: opportunity.id })).toBe(1);
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
    const completedB: Claim = { ...b, status: "completed", completedTaskIds: ["task_1"], completedAt: now };
    await claims.insert(a, []);
    await claims.insert(completedB, []);
    await claims.insert(c, []);
    await claims.insert(aClaim(anActiveOpportunity()), []);

    expect((await claims.listByUser(userId, {}, { limit: 10, order: "desc" })).items.map((claim) => claim.id)).toEqual([c.id, b.id, a.id]);
    expect((await claims.listByUser(userId, { status: "active" }, { limit: 10, order: "asc" })).items.map((claim) => claim.id)).toEqual([a.id, c.id]);
    expect(await claims.listByUser(userId, { opportunityId: b.opportunityId }, { limit: 10, order: "asc" })).toEqual({ items: [completedB] });
    expect(await claims.listByUser(userId, { status: "completed", opportunityId: a.opportunityId }, { limit: 10, order: "asc" })).toEqual({ items: [] });
  });
});

// Approvals as app/claims/submit-work.ts makes them: updateAggregate + withTaskApproved.
describe("approving tasks through the optimistic save", () => {
  it("records a task that is not the last, without completing the claim or writing an event", async () => {
    const claim = await aStoredClaim(3, 0);
    const updated = await approveTask(claims, claim.id, "task_1", now);
    expect(updated).toEqual({ ...claim, completedTaskIds: ["task_1"], version: 2 });
    expect(await stored(claim.id)).toMatchObject({ status: "active", completedTaskIds: ["task_1"], completedAt: null, version: 2, outbox: [] });
  });

  it("completes the claim with its completion event in the same save when the last task is approved", async () => {
    const claim = await aStoredClaim(2, 1);
    const at = secondsAfter(now, 30);
    const updated = await approveTask(claims, claim.id, "task_2", at);
    expect(updated).toEqual({ ...claim, status: "completed", completedTaskIds: ["task_1", "task_2"], completedAt: at, version: 2 });
    expect(await stored(claim.id)).toMatchObject({
      status: "completed",
      completedAt: at,
      version: 2,
      outbox: [{ type: "claim.completed.v1", occurredAt: at.toISOString(), data: { claimId: claim.id, completedAt: at.toISOString() } }],
    });
  });

  it("completes exactly once, with one event, when every task is approved at the same time", async () => {
    for (const tasks of [2, 3, 5, 8, 2, 3, 5, 8, 20]) {
      const claim = await aStoredClaim(tasks, 0);
      const taskIds = Array.from({ length: tasks }, (_, index) => `task_${index + 1}`);

      const results = await Promise.all(taskIds.map((taskId) => approveTask(claims, claim.id, taskId, now)));

      const document = await stored(claim.id);
      expect(document).toMatchObject({ status: "completed", completedAt: now, version: 1 + tasks });
      expect([...(document?.completedTaskIds ?? [])].sort()).toEqual([...taskIds].sort());
      expect(await completions(claim.id)).toHaveLength(1);
      expect(document?.outbox).toHaveLength(1);
      // Each approval returns the claim as it saved it: only the one that covered the last task completed it.
      expect(results.filter((result) => result?.status === "completed")).toHaveLength(1);
      expect(results.filter((result) => result?.status === "active")).toHaveLength(tasks - 1);
    }
  });

  it("completes once under duplicate approvals of the last task", async () => {
    const claim = await aStoredClaim(2, 1);
    const results = await concurrently(10, () => approveTask(claims, claim.id, "task_2", now));

    expect(await stored(claim.id)).toMatchObject({ status: "completed", completedTaskIds: ["task_1", "task_2"], version: 2 });
    expect(await completions(claim.id)).toHaveLength(1);
    // The approvals that lost the race found the task approved already, decided no change, and saved nothing.
    for (const result of results) expect(result).toMatchObject({ status: "completed", version: 2 });
  });

  it("treats a repeated approval as done already, saving nothing", async () => {
    const claim = await aStoredClaim(3, 1);
    await concurrently(5, () => approveTask(claims, claim.id, "task_2", now));
    expect(await approveTask(claims, claim.id, "task_2", now)).toMatchObject({ completedTaskIds: ["task_1", "task_2"], version: 2 });
    expect(await stored(claim.id)).toMatchObject({ status: "active", completedTaskIds: ["task_1", "task_2"], version: 2, outbox: [] });
  });

  it("refuses a task of a claim that ended without completing, and answers null for a claim that does not exist", async () => {
    const claim = await aStoredClaim(2, 0);
    const withdrawn = { ...claim, status: "withdrawn" as const, withdrawnAt: now };
    await claims.save(withdrawn, 1);
    const before = await stored(claim.id);

    expect(await rejectionOf(approveTask(claims, claim.id, "task_1", now))).toMatchObject({ name: "AppError", code: "invalid_state" });
    expect(await stored(claim.id)).toEqual(before);
    expect(await approveTask(claims, testId("clm"), "task_1", now)).toBeNull();
  });
});
