import { describe, expect, it } from "vitest";
import { consumeEvent } from "../../../../src/app/events/consume-event.js";
import { consumerNames } from "../../../../src/app/events/consumers.js";
import { reconcile, type ReconcileOptions } from "../../../../src/app/reconciliation/reconcile.js";
import { AppError } from "../../../../src/domain/app-error.js";
import { completedClaim } from "../../support/completed-claim.js";
import { claimOpportunity } from "../../../../src/app/claims/claim-opportunity.js";
import { submitWork } from "../../../../src/app/claims/submit-work.js";
import { activeOpportunity, participant, validAnswers } from "../../support/fixtures.js";
import { inMemoryDeps } from "../../support/in-memory-ports.js";
import { inMemoryReconciliationReads, RecordingOperationalEvents } from "../../support/in-memory-reconciliation.js";

// Reconciliation checks every invariant over the recent past, repairs what is safe and reports
// every break: a log entry under reconcile.<invariant>, and an operational event.

const options: ReconcileOptions = { graceSeconds: 60, lookbackSeconds: 3600, limit: 100, webhookStalledAfterSeconds: 600, payoutStalledAfterSeconds: 3600 };

function reconcileDeps() {
  const deps = inMemoryDeps();
  return { ...deps, reconciliationReads: inMemoryReconciliationReads(deps.opportunities, deps.claims, deps.rewards, deps.ledger, deps.submissions), operations: new RecordingOperationalEvents() };
}
type Deps = ReturnType<typeof reconcileDeps>;

/** Every consumer handles every event logged so far, as the subscribers would. */
async function deliverEverything(deps: Deps) {
  for (const event of deps.eventLog.entries) for (const consumer of consumerNames) await consumeEvent(deps, consumer, event);
}

const breakCodes = (deps: Deps) => deps.logger.entries.filter((entry) => entry.code.startsWith("reconcile.") && entry.code !== "reconcile.done");

describe("reconcile", () => {
  it("finds nothing to do when every event was handled and every reward paid", async () => {
    const deps = reconcileDeps();
    await completedClaim(deps);
    await deliverEverything(deps);
    deps.clock.advance(120_000);

    const report = await reconcile(deps, options);

    expect(report.event_handled).toMatchObject({ broken: 0, truncated: false });
    expect(report.event_handled.checked).toBeGreaterThan(0);
    expect(report.claim_rewarded).toEqual({ checked: 1, broken: 0, repaired: 0, truncated: false });
    // The issued reward, its entry, and its participant's ledger summed.
    expect(report.points_ledgered).toEqual({ checked: 3, broken: 0, repaired: 0, truncated: false });
    expect(breakCodes(deps)).toEqual([]);
    expect(deps.operations.published).toEqual([]);
    expect(deps.logger.entries.find((entry) => entry.code === "reconcile.done")?.fields).toMatchObject({ claim_rewarded: { checked: 1 } });
  });

  it("hands an event no consumer handled to each consumer, which pays the reward, and reports it", async () => {
    const deps = reconcileDeps();
    const { completed, alice } = await completedClaim(deps);
    deps.clock.advance(120_000);
    // The repair logs reward.issued.v1 now: inside the grace, for the next run to judge.
    const logged = deps.eventLog.entries.length;

    const report = await reconcile(deps, options);

    expect(await deps.ledger.balance(alice.userId)).toBe(50);
    expect(deps.rewards.table.all()).toMatchObject([{ status: "issued" }]);
    expect(report.event_handled).toMatchObject({ broken: logged * consumerNames.length, repaired: logged * consumerNames.length });
    expect(deps.inbox.handled.get(`issueRewards:${completed.id}`)?.outcome).toBe("reward issued");
    expect(breakCodes(deps).filter((entry) => entry.fields.subject === completed.id).map((entry) => [entry.code, entry.fields.consumer, entry.fields.repaired])).toEqual([
      ["reconcile.event_handled", "issueRewards", true],
      ["reconcile.event_handled", "fanOutWebhooks", true],
      ["reconcile.event_handled", "completeOpportunities", true],
      ["reconcile.event_handled", "notifyByEmail", true],
    ]);
    expect(deps.operations.published.filter((event) => event.data.subject === completed.id)).toHaveLength(consumerNames.length);
  });

  it("leaves events younger than the grace to the normal path", async () => {
    const deps = reconcileDeps();
    await completedClaim(deps);
    deps.clock.advance(30_000);

    const report = await reconcile(deps, options);

    expect(report.event_handled).toMatchObject({ checked: 0, broken: 0 });
    expect(deps.rewards.table.all()).toEqual([]);
  });

  it("issues the reward of a completed claim whose consumer gave up on it", async () => {
    const deps = reconcileDeps();
    const { claimId, alice } = await completedClaim(deps);
    // The event reached both consumers, but issuing failed for good once and was recorded so.
    const issue = deps.rewards.insert;
    deps.rewards.insert = async () => {
      throw new AppError("invalid_state", "a refusal of the moment");
    };
    await deliverEverything(deps);
    deps.rewards.insert = issue;
    expect(deps.rewards.table.all()).toEqual([]);
    deps.clock.advance(120_000);

    const report = await reconcile(deps, options);

    expect(report.claim_rewarded).toEqual({ checked: 1, broken: 1, repaired: 1, truncated: false });
    expect(breakCodes(deps)).toContainEqual(expect.objectContaining({ code: "reconcile.claim_rewarded", fields: expect.objectContaining({ subject: claimId, repaired: true }) }));
    expect(await deps.ledger.balance(alice.userId)).toBe(50);
  });

  it("credits an issued reward missing from the ledger, once, and reports a ledger entry of no reward without touching it", async () => {
    const deps = reconcileDeps();
    const { alice } = await completedClaim(deps);
    await deliverEverything(deps);
    const [reward] = deps.rewards.table.all();
    deps.ledger.remove(reward!.id);
    await deps.ledger.credit({ userId: alice.userId, points: 7, rewardId: "rwd_0000000000000099", orgId: reward!.orgId, at: deps.clock.now(), expiresAt: null });
    deps.clock.advance(120_000);

    const first = await reconcile(deps, options);
    const second = await reconcile(deps, options);

    expect(first.points_ledgered).toMatchObject({ broken: 2, repaired: 1 });
    expect(second.points_ledgered).toMatchObject({ broken: 1, repaired: 0 });
    expect(await deps.ledger.balance(alice.userId)).toBe(57);
    expect(breakCodes(deps).filter((entry) => entry.fields.subject === "rwd_0000000000000099")).toHaveLength(2);
  });

  it("reports a ledger whose running balance is not the sum of its entries, without rewriting it", async () => {
    const deps = reconcileDeps();
    const { alice } = await completedClaim(deps);
    await deliverEverything(deps);
    const bonus = await deps.ledger.append({ id: "pte_0000000000000001", userId: alice.userId, kind: "adjust", points: 5, key: "adjust:k", orgId: null, rewardId: null, expiresAt: null, expires: null, reason: "bonus", at: deps.clock.now() });
    deps.ledger.corrupt(bonus.id, { balanceAfter: 70 });
    deps.clock.advance(120_000);

    const report = await reconcile(deps, options);

    expect(report.points_ledgered).toMatchObject({ broken: 1, repaired: 0 });
    expect(breakCodes(deps)).toMatchObject([{ code: "reconcile.points_ledgered", fields: { subject: alice.userId, balance: 70, sum: 55, entryId: bonus.id } }]);
    expect(await deps.ledger.balance(alice.userId)).toBe(70);
  });

  it("runs every other check when one cannot, and still reports when the operational topic is down", async () => {
    const deps = reconcileDeps();
    await completedClaim(deps);
    deps.clock.advance(120_000);
    deps.reconciliationReads.claimsCompletedIn = async () => {
      throw new AppError("unavailable", "the database is unavailable; try again");
    };
    deps.operations.down = true;

    const report = await reconcile(deps, options);

    expect(report.claim_rewarded.failed).toMatch(/unavailable/);
    expect(report.event_handled.repaired).toBeGreaterThan(0);
    expect(deps.logger.entries.map((entry) => entry.code)).toEqual(expect.arrayContaining(["reconcile.check_failed", "reconcile.report_failed", "reconcile.event_handled", "reconcile.done"]));
  });

  it("gives back a place whose claim was never written, once its reservation is past the grace, and reports it", async () => {
    const deps = reconcileDeps();
    const opportunity = await activeOpportunity(deps);
    const lost = { claimId: "clm_0000000000000077", userId: "usr_0000000000000077", at: deps.clock.now() };
    expect(await deps.opportunities.reservePlace(opportunity.id, opportunity.capacity, lost)).toEqual({ outcome: "reserved" });

    deps.clock.advance(60_000);
    expect((await reconcile(deps, options)).places_counted).toMatchObject({ broken: 0 });
    expect((await deps.opportunities.findById(opportunity.id))?.claimsCount).toBe(1);

    deps.clock.advance(60_000);
    const report = await reconcile(deps, options);

    expect(report.places_counted).toMatchObject({ broken: 1, repaired: 1 });
    expect((await deps.opportunities.findById(opportunity.id))?.claimsCount).toBe(0);
    expect(breakCodes(deps)).toContainEqual(expect.objectContaining({ code: "reconcile.places_counted", fields: expect.objectContaining({ subject: opportunity.id, claimId: lost.claimId }) }));
  });

  it("expires a claim still active past its deadline (its task was lost), gives its place back and reports it; leaves claims with time left", async () => {
    const deps = reconcileDeps();
    const opportunity = await activeOpportunity(deps, { timeAllowedMinutes: 10, capacity: 2 });
    // Nothing runs the tasks here: the first claim's expiry is left to reconciliation, as after a lost task.
    const lost = await claimOpportunity(deps, participant(deps), { opportunityId: opportunity.id });
    deps.clock.advance(5 * 60_000);
    const running = await claimOpportunity(deps, participant(deps), { opportunityId: opportunity.id });

    // Past the deadline, but not yet past the grace: the task may still be on its way.
    deps.clock.advance(5 * 60_000 + 30_000);
    expect((await reconcile(deps, options)).claim_expired).toMatchObject({ checked: 0, broken: 0 });

    deps.clock.advance(60_000);
    const report = await reconcile(deps, options);

    expect(report.claim_expired).toMatchObject({ checked: 1, broken: 1, repaired: 1 });
    expect(report.places_counted).toMatchObject({ broken: 0 });
    expect(await deps.claims.findById(lost.id)).toMatchObject({ status: "expired" });
    expect(await deps.claims.findById(running.id)).toMatchObject({ status: "active" });
    expect((await deps.opportunities.findById(opportunity.id))?.claimsCount).toBe(1);
    expect(deps.publisher.ofType("claim.expired.v1")).toMatchObject([{ data: { claimId: lost.id } }]);
    expect(breakCodes(deps)).toContainEqual(expect.objectContaining({ code: "reconcile.claim_expired", fields: expect.objectContaining({ subject: lost.id, repaired: true }) }));
    expect((await reconcile(deps, options)).claim_expired).toMatchObject({ checked: 0 });
  });

  it("counts an approval a crash kept from its claim, completing it, and reports it", async () => {
    const deps = reconcileDeps();
    const opportunity = await activeOpportunity(deps);
    const alice = participant(deps);
    const claim = await claimOpportunity(deps, alice, { opportunityId: opportunity.id });
    // The submission is stored approved, then the request dies before the claim counts it (and no retry comes).
    const save = deps.claims.save;
    deps.claims.save = async () => {
      throw new AppError("unavailable", "the database is unavailable; try again");
    };
    await expect(submitWork(deps, alice, claim.id, { taskId: "taste", answers: validAnswers })).rejects.toMatchObject({ code: "unavailable" });
    deps.claims.save = save;
    deps.clock.advance(120_000);

    const report = await reconcile(deps, options);

    expect(report.decision_applied).toMatchObject({ checked: 1, broken: 1, repaired: 1 });
    expect(await deps.claims.findById(claim.id)).toMatchObject({ status: "completed", completedTaskIds: ["taste"] });
    expect(breakCodes(deps)).toContainEqual(expect.objectContaining({ code: "reconcile.decision_applied", fields: expect.objectContaining({ repaired: true, claimId: claim.id }) }));
    deps.clock.advance(120_000);
    expect((await reconcile(deps, options)).decision_applied).toMatchObject({ broken: 0 });
  });

  it("reports a counter that differs from its claims without touching it", async () => {
    const deps = reconcileDeps();
    const opportunity = await activeOpportunity(deps);
    deps.opportunities.table.update(opportunity.id, () => true, (stored) => ({ ...stored, claimsCount: 3 }));

    const report = await reconcile(deps, options);

    expect(report.places_counted).toMatchObject({ broken: 1, repaired: 0 });
    expect((await deps.opportunities.findById(opportunity.id))?.claimsCount).toBe(3);
  });
});
