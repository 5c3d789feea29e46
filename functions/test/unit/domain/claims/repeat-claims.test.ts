import { describe, expect, it } from "vitest";
import { openClaim, type Claim } from "../../../../src/domain/claims/claim.js";
import { endedAt, nextClaimSequence } from "../../../../src/domain/claims/repeat-claims.js";
import { draftOpportunity } from "../../../../src/domain/opportunities/opportunity.js";
import { opportunityIn } from "../../support/fixtures.js";

const now = new Date("2026-03-02T09:00:00.000Z");
const minutesAfter = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);
const opportunity = draftOpportunity(opportunityIn({ maxClaimsPerUser: 3, claimCooldownMinutes: 60 }), "opp_0000000000000001", now);
const rules = { maxClaimsPerUser: 3, claimCooldownMinutes: 60 };
const claim = (sequence: number, ended: Partial<Claim> = {}): Claim => ({ ...openClaim(opportunity, "usr_aaaaaaaaaaaaaaaa", `clm_000000000000000${sequence}`, now, { sequence }), ...ended });
const completedAt = (at: Date): Partial<Claim> => ({ status: "completed", completedAt: at });

describe("nextClaimSequence", () => {
  it("numbers a participant's first claim 1", () => {
    expect(nextClaimSequence(rules, null, now)).toBe(1);
  });

  it("refuses while the participant's newest claim is active: already_claimed naming it", () => {
    expect(() => nextClaimSequence(rules, claim(2), now)).toThrow(expect.objectContaining({ code: "already_claimed", details: { claimId: "clm_0000000000000002" } }));
  });

  it("numbers the next claim once the cooldown after the newest one's end has passed, to the minute", () => {
    const ended = claim(1, completedAt(now));
    expect(nextClaimSequence(rules, ended, minutesAfter(now, 60))).toBe(2);
    expect(() => nextClaimSequence(rules, ended, minutesAfter(now, 59))).toThrow(
      expect.objectContaining({ code: "claim_cooldown", details: { claimId: ended.id, retryAt: "2026-03-02T10:00:00.000Z" } }),
    );
  });

  it("waits after every end: withdrawn, expired and rejected claims too", () => {
    for (const ended of [
      { status: "withdrawn", withdrawnAt: now },
      { status: "expired", expiredAt: now },
      { status: "rejected", rejectedAt: now },
    ] as const) {
      expect(() => nextClaimSequence(rules, claim(1, ended), minutesAfter(now, 30))).toThrow(expect.objectContaining({ code: "claim_cooldown" }));
      expect(nextClaimSequence(rules, claim(1, ended), minutesAfter(now, 60))).toBe(2);
    }
  });

  it("counts every claim toward the limit, however it ended: claim_limit_reached naming the newest and the limit", () => {
    const later = minutesAfter(now, 24 * 60);
    expect(nextClaimSequence(rules, claim(2, completedAt(now)), later)).toBe(3);
    expect(() => nextClaimSequence(rules, claim(3, { status: "withdrawn", withdrawnAt: now }), later)).toThrow(
      expect.objectContaining({ code: "claim_limit_reached", details: { claimId: "clm_0000000000000003", maxClaimsPerUser: 3 } }),
    );
  });

  it("answers a one-off opportunity's second claim with claim_limit_reached once the first ended, with no cooldown", () => {
    expect(() => nextClaimSequence({ maxClaimsPerUser: 1, claimCooldownMinutes: 0 }, claim(1, completedAt(now)), now)).toThrow(
      expect.objectContaining({ code: "claim_limit_reached", message: "a participant may claim this opportunity once" }),
    );
  });

  it("takes the next claim at once without a cooldown", () => {
    expect(nextClaimSequence({ maxClaimsPerUser: 2, claimCooldownMinutes: 0 }, claim(1, completedAt(now)), now)).toBe(2);
  });
});

describe("endedAt", () => {
  it("is when the claim ended, however it ended", () => {
    expect(endedAt(claim(1, { status: "expired", expiredAt: minutesAfter(now, 5) }))).toEqual(minutesAfter(now, 5));
  });

  it("fails loudly on a claim that records no end", () => {
    expect(() => endedAt(claim(1, { status: "completed" }))).toThrow("records no end");
  });
});
