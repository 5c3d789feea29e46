import { describe, expect, it } from "vitest";
import { claimOpportunity } from "../../../../src/app/claims/claim-opportunity.js";
import { reservationGraceSeconds, settleStaleReservations } from "../../../../src/app/claims/settle-stale-reservations.js";
import { AppError } from "../../../../src/domain/app-error.js";
import { activeOpportunity, participant } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";

const placesTaken = async (deps: InMemoryDeps, opportunityId: string) => (await deps.opportunities.findById(opportunityId))?.claimsCount;
const reservationsOn = (deps: InMemoryDeps, opportunityId: string) => deps.opportunities.reservations.get(opportunityId) ?? [];
/** What the reconciliation passes: reservations older than the grace are stale. */
const staleNow = (deps: InMemoryDeps) => new Date(deps.clock.now().getTime() - reservationGraceSeconds * 1_000);

/** A claim attempt by a new participant whose claim write fails with `unavailable`, after it landed (`committed`) or before. */
async function lostClaimWrite(deps: InMemoryDeps, opportunityId: string, { committed }: { committed: boolean }) {
  const insert = deps.claims.insert.bind(deps.claims);
  deps.claims.insert = async (claim, events) => {
    if (committed) await insert(claim, events);
    throw new AppError("unavailable", "the database is unavailable; try again");
  };
  await expect(claimOpportunity(deps, participant(deps), { opportunityId })).rejects.toMatchObject({ code: "unavailable" });
  deps.claims.insert = insert;
}

describe("settleStaleReservations", () => {
  it("waits out the grace: the grace covers the API timeout, so no request can still write a claim it gives back", () => {
    expect(reservationGraceSeconds).toBe(90);
  });

  it("settles a stale reservation whose claim exists (place kept) and releases one whose claim never landed (place given back)", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps, { capacity: 5 });
    await lostClaimWrite(deps, opportunity.id, { committed: true });
    await lostClaimWrite(deps, opportunity.id, { committed: false });
    await claimOpportunity(deps, participant(deps), { opportunityId: opportunity.id });
    expect(await placesTaken(deps, opportunity.id)).toBe(3);
    deps.clock.advance(reservationGraceSeconds * 1_000 + 1);

    expect(await settleStaleReservations(deps, { olderThan: staleNow(deps), limit: 10 })).toEqual({ settled: 1, released: 1 });

    expect(await placesTaken(deps, opportunity.id)).toBe(2);
    expect(deps.claims.table.all()).toHaveLength(2);
    expect(reservationsOn(deps, opportunity.id)).toEqual([]);
    expect(await settleStaleReservations(deps, { olderThan: staleNow(deps), limit: 10 })).toEqual({ settled: 0, released: 0 });
  });

  it("leaves a reservation younger than the grace alone: its request may still be writing the claim", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps);
    await lostClaimWrite(deps, opportunity.id, { committed: false });
    deps.clock.advance((reservationGraceSeconds - 1) * 1_000);

    expect(await settleStaleReservations(deps, { olderThan: staleNow(deps), limit: 10 })).toEqual({ settled: 0, released: 0 });

    expect(await placesTaken(deps, opportunity.id)).toBe(1);
    expect(reservationsOn(deps, opportunity.id)).toHaveLength(1);
  });

  it("gives each place back once when two settlers race", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps, { capacity: 5 });
    for (let i = 0; i < 3; i++) await lostClaimWrite(deps, opportunity.id, { committed: false });
    await claimOpportunity(deps, participant(deps), { opportunityId: opportunity.id });
    deps.clock.advance(reservationGraceSeconds * 1_000 + 1);

    const [first, second] = await Promise.all([1, 2].map(() => settleStaleReservations(deps, { olderThan: staleNow(deps), limit: 10 })));

    expect(first!.released + second!.released).toBe(3);
    expect(await placesTaken(deps, opportunity.id)).toBe(1);
  });

  it("settles at most `limit` reservations a run", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps, { capacity: 5 });
    for (let i = 0; i < 3; i++) await lostClaimWrite(deps, opportunity.id, { committed: false });
    deps.clock.advance(reservationGraceSeconds * 1_000 + 1);

    expect(await settleStaleReservations(deps, { olderThan: staleNow(deps), limit: 2 })).toEqual({ settled: 0, released: 2 });
    expect(await settleStaleReservations(deps, { olderThan: staleNow(deps), limit: 2 })).toEqual({ settled: 0, released: 1 });
    expect(await placesTaken(deps, opportunity.id)).toBe(0);
  });
});
