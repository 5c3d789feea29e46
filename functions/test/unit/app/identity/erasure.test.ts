import { describe, expect, it } from "vitest";
import { claimOpportunity } from "../../../../src/app/claims/claim-opportunity.js";
import { cancelErasure, eraseUser, requestErasure } from "../../../../src/app/identity/erasure.js";
import { ErasureOut } from "../../../../src/contracts/me.js";
import { newPayoutDetails } from "../../../../src/domain/payouts/payout-details.js";
import { activeOpportunity } from "../../support/fixtures.js";
import { inMemoryDeps, startOfTest, type InMemoryDeps } from "../../support/in-memory-ports.js";
import { participantWithProfile } from "../../support/participants.js";

const day = 24 * 60 * 60 * 1000;

async function aliceWithAClaim(deps: InMemoryDeps) {
  const alice = await participantWithProfile(deps, { displayName: "Alice", birthDate: "1990-05-17", country: "FR" });
  const opportunity = await activeOpportunity(deps);
  await claimOpportunity(deps, alice, { opportunityId: opportunity.id });
  await deps.payoutDetails.insert(newPayoutDetails(alice.userId, { name: "Alice Liddell", email: "alice@example.com" }, startOfTest));
  return { alice, opportunity };
}

describe("erasure of one's account", () => {
  it("is scheduled after a 7-day grace period, with one named task; asking again changes nothing", async () => {
    const deps = inMemoryDeps();
    const { alice } = await aliceWithAClaim(deps);
    const scheduled = await requestErasure(deps, alice);
    const erasesAt = new Date(startOfTest.getTime() + 7 * day).toISOString();
    expect(ErasureOut.parse(scheduled)).toEqual({ userId: alice.userId, status: "scheduled", requestedAt: startOfTest.toISOString(), erasesAt });
    deps.clock.advance(60_000);
    expect(await requestErasure(deps, alice)).toEqual(scheduled);
    const tasks = deps.tasks.enqueued.filter((task) => task.payload.kind === "user.erase.v1");
    expect(tasks).toEqual([{ payload: { kind: "user.erase.v1", userId: alice.userId }, delaySeconds: 7 * 24 * 3600, name: `erase-${alice.userId}-${Date.parse(erasesAt)}` }]);
  });

  it("when due, empties the user, shreds their data key and payout details, and tells each organization once", async () => {
    const deps = inMemoryDeps();
    const { alice, opportunity } = await aliceWithAClaim(deps);
    await requestErasure(deps, alice);
    deps.clock.advance(7 * day);

    expect(await eraseUser(deps, alice.userId)).toBe("erased");
    const user = await deps.users.findById(alice.userId);
    expect(user).toMatchObject({ identityKey: `erased:${alice.userId}`, profile: { displayName: null, birthDate: null, country: null }, erasedAt: deps.clock.now() });
    expect(deps.vault.shredded).toEqual([alice.userId]);
    expect(await deps.payoutDetails.findById(alice.userId)).toBeNull();
    const told = deps.publisher.ofType("user.erased.v1");
    expect(told.map((event) => [event.orgId, event.data])).toEqual([[opportunity.orgId, { userId: alice.userId, erasedAt: deps.clock.now().toISOString() }]]);

    // Cloud Tasks runs it again (a retry after a crash): nothing more is said, the key stays shredded.
    expect(await eraseUser(deps, alice.userId)).toBe("erased_before");
    expect(deps.publisher.ofType("user.erased.v1")).toHaveLength(1);
  });

  it("is retried when the task runs a moment early, and does nothing once cancelled", async () => {
    const deps = inMemoryDeps();
    const { alice } = await aliceWithAClaim(deps);
    await requestErasure(deps, alice);
    deps.clock.advance(7 * day - 1_000);
    await expect(eraseUser(deps, alice.userId)).rejects.toMatchObject({ code: "unavailable" });

    expect(await cancelErasure(deps, alice)).toEqual({ userId: alice.userId, status: "none", requestedAt: null, erasesAt: null });
    deps.clock.advance(1_000);
    expect(await eraseUser(deps, alice.userId)).toBe("cancelled");
    expect(deps.vault.shredded).toEqual([]);
    expect((await deps.users.findById(alice.userId))?.profile.displayName).toBe("Alice");
    await expect(cancelErasure(deps, alice)).rejects.toMatchObject({ code: "invalid_state" });
  });

  it("answers not_found for a user never stored", async () => {
    const deps = inMemoryDeps();
    expect(await eraseUser(deps, "usr_0000000000000999")).toBe("gone");
    await expect(requestErasure(deps, { kind: "user", userId: "usr_0000000000000999", anonymous: false, operator: false })).rejects.toMatchObject({ code: "not_found" });
  });
});
