import { describe, expect, it } from "vitest";
import { claimOpportunity } from "../../../../src/app/claims/claim-opportunity.js";
import { expireClaim } from "../../../../src/app/claims/expire-claim.js";
import { scheduleDeadlineOf } from "../../../../src/app/claims/schedule-deadline-check.js";
import { submitWork } from "../../../../src/app/claims/submit-work.js";
import { withdrawClaim } from "../../../../src/app/claims/withdraw-claim.js";
import { consumeEvent } from "../../../../src/app/events/consume-event.js";
import type { ExpireClaimTask } from "../../../../src/contracts/tasks.js";
import { expired } from "../../../../src/domain/claims/claim.js";
import { activeOpportunity, participant, surveyTask, validAnswers } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";
import type { z } from "zod";

const minute = 60_000;

/** The delivery of the claim's claim.created.v1 to the subscriber that schedules its deadline check. */
async function deliverCreated(deps: InMemoryDeps, claimId: string) {
  const created = deps.publisher.ofType("claim.created.v1").find((event) => event.data.claimId === claimId);
  if (!created) throw new Error(`no claim.created.v1 for ${claimId}`);
  return consumeEvent(deps, "completeOpportunities", created);
}

/** Alice's claim on an opportunity of one survey task, `capacity` places and `timeAllowedMinutes`, and the deadline task its creation scheduled. */
async function aliceClaim(deps: InMemoryDeps, { capacity = 1, timeAllowedMinutes = 30 } = {}) {
  const opportunity = await activeOpportunity(deps, { tasks: [surveyTask("only")], capacity, timeAllowedMinutes });
  const alice = participant(deps);
  const claim = await claimOpportunity(deps, alice, { opportunityId: opportunity.id });
  await deliverCreated(deps, claim.id);
  return { opportunity, alice, claimId: claim.id, deadline: new Date(claim.deadline), task: deadlineTaskOf(deps, claim.id) };
}

function deadlineTaskOf(deps: InMemoryDeps, claimId: string) {
  const tasks = deps.tasks.enqueued.filter((task) => task.payload.kind === "claim.expire.v1" && task.payload.claimId === claimId);
  const last = tasks.at(-1);
  if (!last || last.payload.kind !== "claim.expire.v1") throw new Error(`no deadline task for ${claimId}`);
  return { ...last, payload: last.payload as z.infer<typeof ExpireClaimTask>, check: { claimId, checkAt: new Date(last.payload.checkAt) } };
}

const placesTaken = async (deps: InMemoryDeps, opportunityId: string) => (await deps.opportunities.findById(opportunityId))?.claimsCount;

describe("the delivery of claim.created.v1 schedules the deadline check", () => {
  it("one task named after the claim, due at its deadline, on the claim.expire.v1 route; the claim request itself schedules nothing", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps, { tasks: [surveyTask("only")], timeAllowedMinutes: 30 });
    const claim = await claimOpportunity(deps, participant(deps), { opportunityId: opportunity.id });
    expect(deps.tasks.enqueued).toEqual([]);

    expect(await deliverCreated(deps, claim.id)).toEqual({ handled: true, outcome: "deadline check scheduled" });

    const deadline = new Date(claim.deadline);
    expect(deadline).toEqual(new Date(deps.clock.now().getTime() + 30 * minute));
    expect(deps.tasks.enqueued).toEqual([
      { payload: { kind: "claim.expire.v1", claimId: claim.id, checkAt: deadline.toISOString() }, delaySeconds: 30 * 60, name: `claim-deadline-${claim.id}-${deadline.getTime()}` },
    ]);
  });

  it("makes one task however often the event is delivered, and none for a claim that has ended meanwhile", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps, { tasks: [surveyTask("only")], capacity: 2 });
    const alice = participant(deps);
    const first = await claimOpportunity(deps, alice, { opportunityId: opportunity.id });
    await deliverCreated(deps, first.id);
    const created = deps.publisher.ofType("claim.created.v1")[0]!;
    expect(await scheduleDeadlineOf(deps, first.id)).toBe("scheduled");
    await consumeEvent(deps, "completeOpportunities", created);
    expect(deps.tasks.enqueued).toHaveLength(1);

    const bob = participant(deps);
    const second = await claimOpportunity(deps, bob, { opportunityId: opportunity.id });
    await withdrawClaim(deps, bob, second.id);
    expect(await deliverCreated(deps, second.id)).toEqual({ handled: true, outcome: "deadline check ended" });
    expect(deps.tasks.enqueued).toHaveLength(1);
  });

  it("is delivered again while Cloud Tasks is down: the claim was taken, and its task comes once Cloud Tasks is back", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps, { tasks: [surveyTask("only")] });
    const claim = await claimOpportunity(deps, participant(deps), { opportunityId: opportunity.id });
    deps.tasks.down = true;

    await expect(deliverCreated(deps, claim.id)).rejects.toMatchObject({ code: "unavailable" });
    expect(await deps.claims.findById(claim.id)).toMatchObject({ status: "active" });

    deps.tasks.down = false;
    expect(await deliverCreated(deps, claim.id)).toEqual({ handled: true, outcome: "deadline check scheduled" });
    expect(deadlineTaskOf(deps, claim.id).payload).toMatchObject({ claimId: claim.id });
  });
});

describe("expireClaim", () => {
  it("expires an active claim at its deadline, gives its place back and publishes claim.expired.v1, once however often it runs", async () => {
    const deps = inMemoryDeps();
    const { opportunity, alice, claimId, deadline, task } = await aliceClaim(deps);
    deps.clock.advance(30 * minute);

    expect(await expireClaim(deps, task.check)).toBe("expired");
    expect(await expireClaim(deps, task.check)).toBe("expired_before");

    expect(await deps.claims.findById(claimId)).toMatchObject({ status: "expired", expiredAt: deps.clock.now(), completedAt: null });
    expect(await placesTaken(deps, opportunity.id)).toBe(0);
    expect(deps.publisher.ofType("claim.expired.v1")).toMatchObject([
      { orgId: opportunity.orgId, data: { claimId, opportunityId: opportunity.id, userId: alice.userId, deadline: deadline.toISOString(), expiredAt: deps.clock.now().toISOString() } },
    ]);
    await expect(claimOpportunity(deps, participant(deps), { opportunityId: opportunity.id })).resolves.toMatchObject({ status: "active" });
  });

  it("refuses the expired claim's work with invalid_state", async () => {
    const deps = inMemoryDeps();
    const { alice, claimId, task } = await aliceClaim(deps);
    deps.clock.advance(30 * minute);
    await expireClaim(deps, task.check);

    await expect(submitWork(deps, alice, claimId, { taskId: "only", answers: validAnswers })).rejects.toMatchObject({ code: "invalid_state" });
  });

  it("leaves a claim whose deadline has not come: the check at the deadline run early is retried (unavailable)", async () => {
    const deps = inMemoryDeps();
    const { opportunity, claimId, task } = await aliceClaim(deps);
    deps.clock.advance(30 * minute - 1);

    await expect(expireClaim(deps, task.check)).rejects.toMatchObject({ code: "unavailable" });

    expect(await deps.claims.findById(claimId)).toMatchObject({ status: "active", expiredAt: null });
    expect(await placesTaken(deps, opportunity.id)).toBe(1);
    expect(deps.publisher.ofType("claim.expired.v1")).toEqual([]);
  });

  it.each([
    ["completed", (deps: InMemoryDeps, alice: ReturnType<typeof participant>, claimId: string) => submitWork(deps, alice, claimId, { taskId: "only", answers: validAnswers })],
    ["withdrawn", (deps: InMemoryDeps, alice: ReturnType<typeof participant>, claimId: string) => withdrawClaim(deps, alice, claimId)],
  ])("leaves a %s claim alone and its places as they are", async (status, end) => {
    const deps = inMemoryDeps();
    const { opportunity, alice, claimId, task } = await aliceClaim(deps, { capacity: 2 });
    await end(deps, alice, claimId);
    const places = await placesTaken(deps, opportunity.id);
    deps.clock.advance(30 * minute);

    expect(await expireClaim(deps, task.check)).toBe("ended");

    expect(await deps.claims.findById(claimId)).toMatchObject({ status, expiredAt: null });
    expect(await placesTaken(deps, opportunity.id)).toBe(places);
    expect(deps.publisher.ofType("claim.expired.v1")).toEqual([]);
  });

  it("answers gone for a task whose claim was never written", async () => {
    const deps = inMemoryDeps();
    expect(await expireClaim(deps, { claimId: "clm_0000000000000099", checkAt: deps.clock.now() })).toBe("gone");
  });

  it("hops toward a deadline further than Cloud Tasks schedules, then expires the claim at it", async () => {
    const deps = inMemoryDeps();
    const { claimId, deadline, task } = await aliceClaim(deps, { timeAllowedMinutes: 60 * 24 * 40 });
    expect(task.check.checkAt < deadline).toBe(true);
    deps.clock.advance(task.check.checkAt.getTime() - deps.clock.now().getTime());

    expect(await expireClaim(deps, task.check)).toBe("rescheduled");
    const next = deadlineTaskOf(deps, claimId);
    expect(next.name).not.toBe(task.name);
    expect(next.check.checkAt).toEqual(deadline);

    deps.clock.advance(deadline.getTime() - deps.clock.now().getTime());
    expect(await expireClaim(deps, next.check)).toBe("expired");
  });

  it("finishes giving the place back when an earlier run stopped after saving the claim", async () => {
    const deps = inMemoryDeps();
    const { opportunity, claimId, task } = await aliceClaim(deps, { capacity: 2 });
    deps.clock.advance(30 * minute);
    const stored = (await deps.claims.findById(claimId))!;
    await deps.claims.save(expired(stored, deps.clock.now()), stored.version);
    expect(await placesTaken(deps, opportunity.id)).toBe(1);

    expect(await expireClaim(deps, task.check)).toBe("expired_before");

    expect(await placesTaken(deps, opportunity.id)).toBe(0);
  });

  it("gives the place back once, whether the task or the event's delivery to completeOpportunities gets there first", async () => {
    const deps = inMemoryDeps();
    const { opportunity, task } = await aliceClaim(deps, { capacity: 2 });
    deps.clock.advance(30 * minute);
    await expireClaim(deps, task.check);
    const [event] = deps.publisher.ofType("claim.expired.v1");

    expect(await consumeEvent(deps, "completeOpportunities", event!)).toEqual({ handled: true, outcome: "place returned_before" });

    expect(await placesTaken(deps, opportunity.id)).toBe(0);
  });

  it("of an expiry racing the submission that completes the claim, one lands and the places agree", async () => {
    const deps = inMemoryDeps();
    const { opportunity, alice, claimId, task } = await aliceClaim(deps);
    // The submission is read before the deadline passes and saved after: the claim decides.
    deps.clock.advance(30 * minute);

    const [expiry, submission] = await Promise.allSettled([expireClaim(deps, task.check), submitWork(deps, alice, claimId, { taskId: "only", answers: validAnswers })]);

    const claim = await deps.claims.findById(claimId);
    expect(expiry).toMatchObject({ status: "fulfilled" });
    expect(submission).toMatchObject({ status: "rejected", reason: { code: "invalid_state" } });
    expect(claim?.status).toBe("expired");
    expect(await placesTaken(deps, opportunity.id)).toBe(0);
  });
});
