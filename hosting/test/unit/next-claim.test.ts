import type { Claim } from "@user-x/sdk";
import { describe, expect, it } from "vitest";
import { formatMinutes, nextClaim, repeatRule } from "../../src/features/opportunities/next-claim";

const now = new Date("2026-03-02T09:00:00.000Z");
const rules = { maxClaimsPerUser: 3, claimCooldownMinutes: 60 };
const claim = (sequence: number, fields: Partial<Claim> = {}): Claim => ({
  id: `clm_000000000000000${sequence}`,
  opportunityId: "opp_0000000000000001",
  orgId: "org_AcmeResearch000001",
  userId: "usr_aaaaaaaaaaaaaaaa",
  sequence,
  status: "completed",
  progress: { completedTasks: 1, totalTasks: 1, completedTaskIds: ["taste"] },
  deadline: "2026-03-02T10:00:00.000Z",
  createdAt: "2026-03-02T08:00:00.000Z",
  completedAt: "2026-03-02T08:30:00.000Z",
  withdrawnAt: null,
  expiredAt: null,
  rejectedAt: null,
  ...fields,
});

describe("nextClaim", () => {
  it("offers a first claim", () => {
    expect(nextClaim(rules, null, now)).toEqual({ kind: "claim", previous: null });
  });

  it("continues an active claim", () => {
    expect(nextClaim(rules, claim(1, { status: "active", completedAt: null }), now)).toEqual({ kind: "continue", claimId: "clm_0000000000000001" });
  });

  it("waits out the cooldown after the last claim ended, then offers the next", () => {
    const ended = claim(1);
    expect(nextClaim(rules, ended, now)).toEqual({ kind: "cooldown", previous: ended, retryAt: new Date("2026-03-02T09:30:00.000Z") });
    expect(nextClaim(rules, ended, new Date("2026-03-02T09:30:00.000Z"))).toEqual({ kind: "claim", previous: ended });
  });

  it("counts withdrawn claims and stops at the limit", () => {
    const withdrawn = claim(3, { status: "withdrawn", completedAt: null, withdrawnAt: "2026-03-01T00:00:00.000Z" });
    expect(nextClaim(rules, withdrawn, now)).toEqual({ kind: "limit_reached", previous: withdrawn });
  });
});

describe("repeatRule", () => {
  it("says nothing of a one-off, and the limit and the wait of a repeatable one", () => {
    expect(repeatRule({ maxClaimsPerUser: 1, claimCooldownMinutes: 0 })).toBeUndefined();
    expect(repeatRule({ maxClaimsPerUser: 5, claimCooldownMinutes: 0 })).toBe("You may claim it up to 5 times, one at a time.");
    expect(repeatRule({ maxClaimsPerUser: 5, claimCooldownMinutes: 24 * 60 })).toBe("You may claim it up to 5 times, one at a time, 1 day after each ends.");
  });
});

describe("formatMinutes", () => {
  it.each([
    [1, "1 minute"],
    [90, "90 minutes"],
    [120, "2 hours"],
    [7 * 24 * 60, "7 days"],
  ])("%d minutes is %s", (minutes, text) => {
    expect(formatMinutes(minutes)).toBe(text);
  });
});
