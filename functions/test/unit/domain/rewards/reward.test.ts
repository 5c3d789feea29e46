import { describe, expect, it } from "vitest";
import { failed, issued, rewardFor } from "../../../../src/domain/rewards/reward.js";

const now = new Date("2026-03-02T09:00:00.000Z");
const claim = { id: "clm_0000000000000001", opportunityId: "opp_0000000000000001", orgId: "org_0000000000000001", userId: "usr_0000000000000001" };

describe("rewardFor", () => {
  it("is a pending reward of the claim, for the opportunity's terms", () => {
    expect(rewardFor({ type: "voucher", value: 10, currency: "EUR", poolId: "vpl_0000000000000001" }, claim, "rwd_0000000000000001", now)).toEqual({
      id: "rwd_0000000000000001",
      claimId: claim.id,
      opportunityId: claim.opportunityId,
      orgId: claim.orgId,
      userId: claim.userId,
      type: "voucher",
      value: 10,
      currency: "EUR",
      status: "pending",
      failureReason: null,
      poolId: "vpl_0000000000000001",
      issuedAt: null,
      createdAt: now,
      version: 1,
    });
  });

  it("has no currency for points", () => {
    expect(rewardFor({ type: "points", value: 50 }, claim, "rwd_0000000000000001", now)).toMatchObject({ type: "points", value: 50, currency: null });
  });
});

describe("issued", () => {
  const pending = rewardFor({ type: "points", value: 50 }, claim, "rwd_0000000000000001", now);
  const later = new Date("2026-03-02T09:05:00.000Z");

  it("moves a pending reward to issued, stamped with the time", () => {
    expect(issued(pending, later)).toEqual({ ...pending, status: "issued", issuedAt: later });
  });

  it("issues a failed reward once it can be, forgetting why it failed", () => {
    expect(issued(failed(pending, "pool_exhausted"), later)).toEqual({ ...pending, status: "issued", failureReason: null, issuedAt: later });
  });

  it("refuses to issue a reward twice: invalid_state", () => {
    expect(() => issued(issued(pending, later), later)).toThrow(expect.objectContaining({ code: "invalid_state", details: { status: "issued" } }));
  });
});

describe("failed", () => {
  const pending = rewardFor({ type: "voucher", value: 500, currency: "EUR", poolId: "vpl_0000000000000001" }, claim, "rwd_0000000000000001", now);

  it("marks a pending reward failed, with the reason", () => {
    expect(failed(pending, "pool_exhausted")).toEqual({ ...pending, status: "failed", failureReason: "pool_exhausted" });
  });

  it("fails only a pending reward: invalid_state for one issued or failed already", () => {
    expect(() => failed(issued(pending, now), "pool_exhausted")).toThrow(expect.objectContaining({ code: "invalid_state", details: { status: "issued" } }));
    expect(() => failed(failed(pending, "pool_exhausted"), "pool_exhausted")).toThrow(expect.objectContaining({ code: "invalid_state", details: { status: "failed" } }));
  });
});
