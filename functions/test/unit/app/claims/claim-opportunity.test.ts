import { describe, expect, it } from "vitest";
import { claimOpportunity } from "../../../../src/app/claims/claim-opportunity.js";
import { presentClaim } from "../../../../src/app/claims/present.js";
import { reservationGraceSeconds, settleStaleReservations } from "../../../../src/app/claims/settle-stale-reservations.js";
import { relayOutbox } from "../../../../src/app/events/relay-outbox.js";
import { ClaimOut } from "../../../../src/contracts/claims.js";
import { AppError } from "../../../../src/domain/app-error.js";
import { draftOpportunity } from "../../../../src/domain/opportunities/opportunity.js";
import { activeOpportunity, opportunityIn, participant, storedApiKey } from "../../support/fixtures.js";
import { inMemoryDeps, startOfTest, type InMemoryDeps } from "../../support/in-memory-ports.js";

const placesTaken = async (deps: InMemoryDeps, opportunityId: string) => (await deps.opportunities.findById(opportunityId))?.claimsCount;
const claimsOn = (deps: InMemoryDeps, opportunityId: string) => deps.claims.table.all().filter((c) => c.opportunityId === opportunityId);
const reservationsOn = (deps: InMemoryDeps, opportunityId: string) => deps.opportunities.reservations.get(opportunityId) ?? [];
const codeOf = (result: PromiseSettledResult<unknown>) => (result.status === "rejected" && result.reason instanceof AppError ? result.reason.code : result.status);

describe("claimOpportunity", () => {
  it("opens an active claim for the participant and takes one place", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps, { timeAllowedMinutes: 60 });
    const alice = participant(deps);

    const claim = await claimOpportunity(deps, alice, { opportunityId: opportunity.id });

    expect(claim).toEqual({
      id: "clm_0000000000000001",
      opportunityId: opportunity.id,
      orgId: opportunity.orgId,
      userId: alice.userId,
      sequence: 1,
      status: "active",
      progress: { completedTasks: 0, totalTasks: 1, completedTaskIds: [] },
      deadline: "2026-03-02T10:00:00.000Z",
      createdAt: "2026-03-02T09:00:00.000Z",
      completedAt: null,
      withdrawnAt: null,
      expiredAt: null,
      rejectedAt: null,
    });
    expect(ClaimOut.safeParse(claim).success).toBe(true);
    expect(await deps.claims.findById(claim.id)).toMatchObject({ userId: alice.userId, status: "active", completedTaskIds: [] });
    expect(await placesTaken(deps, opportunity.id)).toBe(1);
    // The reservation that took the place was settled once the claim was written.
    expect(reservationsOn(deps, opportunity.id)).toEqual([]);
  });

  it("publishes claim.created.v1 through the claim's outbox and leaves the outbox empty", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps);
    const alice = participant(deps);

    const claim = await claimOpportunity(deps, alice, { opportunityId: opportunity.id });

    const [created, ...others] = deps.publisher.published;
    expect(others).toEqual([]);
    expect(created).toMatchObject({ type: "claim.created.v1", orgId: opportunity.orgId, data: { claimId: claim.id, opportunityId: opportunity.id, userId: alice.userId } });
    expect(await deps.outbox.pending({ aggregate: "claim", id: claim.id })).toEqual([]);
    expect(deps.outbox.log).toEqual([created]);
    expect(deps.tasks.enqueued).toEqual([]);
  });

  it("refuses a second claim by the same participant with already_claimed naming the claim, taking no second place", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps);
    const alice = participant(deps);
    const claim = await claimOpportunity(deps, alice, { opportunityId: opportunity.id }, { idempotencyKey: "first" });

    await expect(claimOpportunity(deps, alice, { opportunityId: opportunity.id })).rejects.toMatchObject({ code: "already_claimed", details: { claimId: claim.id } });
    await expect(claimOpportunity(deps, alice, { opportunityId: opportunity.id }, { idempotencyKey: "second" })).rejects.toMatchObject({
      code: "already_claimed",
      details: { claimId: claim.id },
    });
    expect(claimsOn(deps, opportunity.id)).toHaveLength(1);
    expect(await placesTaken(deps, opportunity.id)).toBe(1);
  });

  it("takes one place when one participant's claims race, and refuses the others naming the claim", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps);
    const alice = participant(deps);

    const results = await Promise.allSettled([1, 2, 3].map(() => claimOpportunity(deps, alice, { opportunityId: opportunity.id })));

    expect(results.map(codeOf).sort()).toEqual(["already_claimed", "already_claimed", "fulfilled"]);
    const [claim] = claimsOn(deps, opportunity.id);
    for (const result of results) if (result.status === "rejected") expect(result.reason).toMatchObject({ details: { claimId: claim?.id } });
    expect(claimsOn(deps, opportunity.id)).toHaveLength(1);
    expect(await placesTaken(deps, opportunity.id)).toBe(1);
    expect(reservationsOn(deps, opportunity.id)).toEqual([]);
    expect(deps.publisher.ofType("claim.created.v1")).toHaveLength(1);
  });

  it("never oversells: 5 participants racing for 3 places get 3 claims and 2 capacity_exhausted", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps, { capacity: 3 });
    const participants = [1, 2, 3, 4, 5].map(() => participant(deps));

    const results = await Promise.allSettled(participants.map((p) => claimOpportunity(deps, p, { opportunityId: opportunity.id })));

    expect(results.map(codeOf).sort()).toEqual(["capacity_exhausted", "capacity_exhausted", "fulfilled", "fulfilled", "fulfilled"]);
    expect(claimsOn(deps, opportunity.id)).toHaveLength(3);
    expect(await placesTaken(deps, opportunity.id)).toBe(3);
    expect(deps.publisher.ofType("claim.created.v1")).toHaveLength(3);
  });

  it("refuses a claim on a full opportunity with capacity_exhausted", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps, { capacity: 1 });
    await claimOpportunity(deps, participant(deps), { opportunityId: opportunity.id });

    await expect(claimOpportunity(deps, participant(deps), { opportunityId: opportunity.id })).rejects.toMatchObject({ code: "capacity_exhausted" });
    expect(await placesTaken(deps, opportunity.id)).toBe(1);
  });

  it("does not reveal drafts: not_found", async () => {
    const deps = inMemoryDeps();
    const draft = draftOpportunity(opportunityIn(), deps.ids.next("opp"), deps.clock.now());
    await deps.opportunities.insert(draft);

    await expect(claimOpportunity(deps, participant(deps), { opportunityId: draft.id })).rejects.toMatchObject({ code: "not_found" });
    expect(deps.claims.table.all()).toEqual([]);
  });

  it("refuses an opportunity that does not exist: not_found", async () => {
    const deps = inMemoryDeps();
    await expect(claimOpportunity(deps, participant(deps), { opportunityId: "opp_0000000000000404" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("refuses an expired opportunity: invalid_state", async () => {
    const deps = inMemoryDeps();
    const expiring = await activeOpportunity(deps, { expiresAt: "2026-03-02T10:00:00.000Z" });
    deps.clock.advance(60 * 60_000);

    await expect(claimOpportunity(deps, participant(deps), { opportunityId: expiring.id })).rejects.toMatchObject({ code: "invalid_state" });
    expect(deps.claims.table.all()).toEqual([]);
  });

  it("is for participants, not API keys: forbidden", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps);
    const { principal: apiKey } = await storedApiKey(deps, opportunity.orgId, ["claims:read"]);
    await expect(claimOpportunity(deps, apiKey, { opportunityId: opportunity.id })).rejects.toMatchObject({ code: "forbidden" });
  });

  describe("when Pub/Sub is down", () => {
    it("keeps the claim, keeps claim.created.v1 in the outbox and enqueues a relay task", async () => {
      const deps = inMemoryDeps();
      const opportunity = await activeOpportunity(deps);
      deps.publisher.down = true;

      const claim = await claimOpportunity(deps, participant(deps), { opportunityId: opportunity.id });

      expect(await deps.claims.findById(claim.id)).not.toBeNull();
      expect(deps.publisher.published).toEqual([]);
      expect(await deps.outbox.pending({ aggregate: "claim", id: claim.id })).toMatchObject([{ type: "claim.created.v1", data: { claimId: claim.id } }]);
      expect(deps.tasks.enqueued).toEqual([{ payload: { kind: "outbox.relay.v1", aggregate: "claim", id: claim.id }, delaySeconds: 2 }]);
    });

    it("publishes the waiting event once the relay task runs after Pub/Sub is back", async () => {
      const deps = inMemoryDeps();
      const opportunity = await activeOpportunity(deps);
      deps.publisher.down = true;
      const claim = await claimOpportunity(deps, participant(deps), { opportunityId: opportunity.id });

      deps.publisher.down = false;
      expect(await relayOutbox(deps, { aggregate: "claim", id: claim.id })).toBe(1);

      expect(deps.publisher.ofType("claim.created.v1")).toMatchObject([{ data: { claimId: claim.id } }]);
      expect(await deps.outbox.pending({ aggregate: "claim", id: claim.id })).toEqual([]);
    });

    it("still records the claim when Cloud Tasks is down too; the event waits in the outbox", async () => {
      const deps = inMemoryDeps();
      const opportunity = await activeOpportunity(deps);
      deps.publisher.down = true;
      deps.tasks.down = true;

      const claim = await claimOpportunity(deps, participant(deps), { opportunityId: opportunity.id });

      expect(await deps.claims.findById(claim.id)).not.toBeNull();
      expect(await deps.outbox.pending({ aggregate: "claim", id: claim.id })).toHaveLength(1);
    });
  });

  describe("when the claim's write has an unknown outcome", () => {
    /** The claim store fails the next insert with `unavailable`, after writing it (`committed`) or before. */
    function failNextInsert(deps: InMemoryDeps, { committed }: { committed: boolean }) {
      const insert = deps.claims.insert.bind(deps.claims);
      deps.claims.insert = async (claim, events) => {
        deps.claims.insert = insert;
        if (committed) await insert(claim, events);
        throw new AppError("unavailable", "the database is unavailable; try again");
      };
    }

    it("keeps the place, recorded as a reservation naming the claim, so that a lost acknowledgement cannot oversell", async () => {
      const deps = inMemoryDeps();
      const opportunity = await activeOpportunity(deps, { capacity: 1 });
      const alice = participant(deps);
      failNextInsert(deps, { committed: true });

      await expect(claimOpportunity(deps, alice, { opportunityId: opportunity.id }, { idempotencyKey: "k1" })).rejects.toMatchObject({ code: "unavailable" });

      const [claim] = claimsOn(deps, opportunity.id);
      expect(reservationsOn(deps, opportunity.id)).toEqual([{ claimId: claim?.id, userId: alice.userId, at: deps.clock.now() }]);
      await expect(claimOpportunity(deps, participant(deps), { opportunityId: opportunity.id })).rejects.toMatchObject({ code: "capacity_exhausted" });
      expect(await placesTaken(deps, opportunity.id)).toBe(1);
    });

    it("answers a retry with the same Idempotency-Key as the first answer would have: 201 with the claim, its event published once", async () => {
      const deps = inMemoryDeps();
      const opportunity = await activeOpportunity(deps, { capacity: 1 });
      const alice = participant(deps);
      failNextInsert(deps, { committed: true });
      await expect(claimOpportunity(deps, alice, { opportunityId: opportunity.id }, { idempotencyKey: "k1" })).rejects.toMatchObject({ code: "unavailable" });
      deps.clock.advance(5_000);

      const retried = await claimOpportunity(deps, alice, { opportunityId: opportunity.id }, { idempotencyKey: "k1" });

      const [stored] = claimsOn(deps, opportunity.id);
      expect(retried).toEqual(presentClaim(stored!));
      expect(retried).toMatchObject({ userId: alice.userId, createdAt: startOfTest.toISOString() });
      expect(deps.publisher.ofType("claim.created.v1")).toMatchObject([{ data: { claimId: retried.id } }]);
      expect(await placesTaken(deps, opportunity.id)).toBe(1);
      // Still reserved: the answer is read-only; the reservation waits for a settler.
      expect(await settleStaleReservations(deps, { olderThan: new Date(deps.clock.now().getTime() + 1), limit: 10 })).toEqual({ settled: 1, released: 0 });
      expect(await placesTaken(deps, opportunity.id)).toBe(1);
    });

    it("refuses a request with another key or none with already_claimed, naming the claim it can recover", async () => {
      const deps = inMemoryDeps();
      const opportunity = await activeOpportunity(deps);
      const alice = participant(deps);
      failNextInsert(deps, { committed: true });
      await expect(claimOpportunity(deps, alice, { opportunityId: opportunity.id }, { idempotencyKey: "k1" })).rejects.toMatchObject({ code: "unavailable" });
      const [claim] = claimsOn(deps, opportunity.id);

      for (const request of [{}, { idempotencyKey: "k2" }]) {
        await expect(claimOpportunity(deps, alice, { opportunityId: opportunity.id }, request)).rejects.toMatchObject({ code: "already_claimed", details: { claimId: claim?.id } });
      }
      expect(await placesTaken(deps, opportunity.id)).toBe(1);
    });

    it("writes, on a retry, the claim the reservation names when the first write never landed, taking no second place", async () => {
      const deps = inMemoryDeps();
      const opportunity = await activeOpportunity(deps, { capacity: 1 });
      const alice = participant(deps);
      failNextInsert(deps, { committed: false });
      await expect(claimOpportunity(deps, alice, { opportunityId: opportunity.id }, { idempotencyKey: "k1" })).rejects.toMatchObject({ code: "unavailable" });
      const [reservation] = reservationsOn(deps, opportunity.id);
      expect(claimsOn(deps, opportunity.id)).toEqual([]);
      deps.clock.advance(5_000);

      const claim = await claimOpportunity(deps, alice, { opportunityId: opportunity.id }, { idempotencyKey: "k1" });

      expect(claim.id).toBe(reservation?.claimId);
      expect(claimsOn(deps, opportunity.id)).toHaveLength(1);
      expect(await placesTaken(deps, opportunity.id)).toBe(1);
      expect(reservationsOn(deps, opportunity.id)).toEqual([]);
      expect(deps.publisher.ofType("claim.created.v1")).toHaveLength(1);
    });

    it("asks for patience while an earlier attempt may still be writing the claim, and takes a new place once it is stale", async () => {
      const deps = inMemoryDeps();
      const opportunity = await activeOpportunity(deps, { capacity: 1 });
      const alice = participant(deps);
      failNextInsert(deps, { committed: false });
      await expect(claimOpportunity(deps, alice, { opportunityId: opportunity.id })).rejects.toMatchObject({ code: "unavailable" });
      const [first] = reservationsOn(deps, opportunity.id);

      deps.clock.advance(30_000);
      await expect(claimOpportunity(deps, alice, { opportunityId: opportunity.id })).rejects.toMatchObject({ code: "unavailable" });
      expect(claimsOn(deps, opportunity.id)).toEqual([]);

      deps.clock.advance(reservationGraceSeconds * 1_000);
      const claim = await claimOpportunity(deps, alice, { opportunityId: opportunity.id });

      expect(claim.id).not.toBe(first?.claimId);
      expect(await placesTaken(deps, opportunity.id)).toBe(1);
      expect(reservationsOn(deps, opportunity.id)).toEqual([]);
    });

    it("answers the claim when settling its reservation fails, and leaves the reservation for a settler", async () => {
      const deps = inMemoryDeps();
      const opportunity = await activeOpportunity(deps);
      deps.opportunities.settleReservation = async () => {
        throw new AppError("unavailable", "the database is unavailable; try again");
      };

      const claim = await claimOpportunity(deps, participant(deps), { opportunityId: opportunity.id });

      expect(await deps.claims.findById(claim.id)).not.toBeNull();
      expect(reservationsOn(deps, opportunity.id)).toMatchObject([{ claimId: claim.id }]);
      expect(deps.logger.entries).toContainEqual({ level: "warn", code: "claims.reservation.left", fields: expect.objectContaining({ claimId: claim.id, how: "settle" }) });
    });

    it("never oversells while a lost write holds a place: the place goes to someone else only once it is given back", async () => {
      const deps = inMemoryDeps();
      const opportunity = await activeOpportunity(deps, { capacity: 1 });
      failNextInsert(deps, { committed: false });
      await expect(claimOpportunity(deps, participant(deps), { opportunityId: opportunity.id })).rejects.toMatchObject({ code: "unavailable" });
      const bob = participant(deps);
      await expect(claimOpportunity(deps, bob, { opportunityId: opportunity.id })).rejects.toMatchObject({ code: "capacity_exhausted" });

      deps.clock.advance((reservationGraceSeconds + 1) * 1_000);
      expect(await settleStaleReservations(deps, { olderThan: new Date(deps.clock.now().getTime() - reservationGraceSeconds * 1_000), limit: 10 })).toEqual({ settled: 0, released: 1 });

      await expect(claimOpportunity(deps, bob, { opportunityId: opportunity.id })).resolves.toMatchObject({ userId: bob.userId });
      expect(claimsOn(deps, opportunity.id)).toHaveLength(1);
      expect(await placesTaken(deps, opportunity.id)).toBe(1);
    });
  });
});
