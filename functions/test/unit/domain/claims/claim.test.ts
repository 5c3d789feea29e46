import { describe, expect, it } from "vitest";
import { ClaimStatus } from "../../../../src/contracts/claims.js";
import { assertAcceptsSubmissions, expired, gaveBackPlace, isCreatedBy, isPastDeadline, openClaim, progressOf, requestKeyOf, withdrawn, withTaskApproved } from "../../../../src/domain/claims/claim.js";
import { draftOpportunity, type Opportunity } from "../../../../src/domain/opportunities/opportunity.js";
import { opportunityIn, surveyTask } from "../../support/fixtures.js";

const now = new Date("2026-03-02T09:00:00.000Z");
const hours = (n: number) => new Date(now.getTime() + n * 3_600_000);
const userId = "usr_0000000000000001";
const claimId = "clm_0000000000000001";

function opportunity(overrides: Parameters<typeof opportunityIn>[0] = {}): Opportunity {
  return { ...draftOpportunity(opportunityIn({ tasks: [surveyTask("first"), surveyTask("second")], timeAllowedMinutes: 120, ...overrides }), "opp_0000000000000001", now), status: "active" };
}

describe("openClaim", () => {
  it("opens an active claim with no task done", () => {
    const claim = openClaim(opportunity(), userId, claimId, now);
    expect(claim).toMatchObject({ id: claimId, userId, status: "active", completedTaskIds: [], totalTasks: 2, createdAt: now, completedAt: null, requestKey: null });
  });

  it("remembers the request that created it by a hash of its Idempotency-Key, never the key", () => {
    const claim = openClaim(opportunity(), userId, claimId, now, { requestKey: requestKeyOf("retry-me-1") });
    expect(claim.requestKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(claim)).not.toContain("retry-me-1");
  });

  it("gives the participant the time allowed when the opportunity expires later", () => {
    expect(openClaim(opportunity({ expiresAt: hours(5).toISOString() }), userId, claimId, now).deadline).toEqual(hours(2));
  });

  it("gives the participant the time allowed when the opportunity never expires", () => {
    expect(openClaim(opportunity(), userId, claimId, now).deadline).toEqual(hours(2));
  });

  it("never lets the deadline pass the opportunity's expiry", () => {
    expect(openClaim(opportunity({ expiresAt: hours(1).toISOString() }), userId, claimId, now).deadline).toEqual(hours(1));
  });
});

describe("isCreatedBy", () => {
  const claim = openClaim(opportunity(), userId, claimId, now, { requestKey: requestKeyOf("key-1") });

  it.each([
    ["the same key", requestKeyOf("key-1"), true],
    ["another key", requestKeyOf("key-2"), false],
    ["no key", null, false],
  ])("recognises a retry of its creating request: %s → %s", (_, requestKey, expected) => {
    expect(isCreatedBy(claim, requestKey)).toBe(expected);
  });

  it("never takes a request without a key for the creator of a claim made without one", () => {
    expect(isCreatedBy(openClaim(opportunity(), userId, claimId, now), null)).toBe(false);
  });
});

describe("assertAcceptsSubmissions", () => {
  const claim = openClaim(opportunity(), userId, claimId, now);

  it("accepts submissions to an active claim before its deadline", () => {
    expect(() => assertAcceptsSubmissions(claim, hours(1))).not.toThrow();
  });

  it("refuses them from the deadline on", () => {
    expect(() => assertAcceptsSubmissions(claim, hours(2))).toThrow(expect.objectContaining({ code: "invalid_state" }));
    expect(() => assertAcceptsSubmissions(claim, hours(3))).toThrow(expect.objectContaining({ code: "invalid_state" }));
  });

  it.each(ClaimStatus.options.filter((s) => s !== "active"))("refuses them once the claim is %s", (status) => {
    expect(() => assertAcceptsSubmissions({ ...claim, status }, now)).toThrow(expect.objectContaining({ code: "invalid_state", details: { currentStatus: status } }));
  });
});

describe("withTaskApproved", () => {
  it("completes once every required task is approved, whatever optional tasks remain", () => {
    const withOptional = opportunity({ tasks: [surveyTask("first"), { ...surveyTask("extra"), required: false }, surveyTask("second")] });
    const claim = openClaim(withOptional, userId, claimId, now);
    expect(claim.requiredTaskIds).toEqual(["first", "second"]);
    const done = withTaskApproved(withTaskApproved(claim, "first", hours(1)), "second", hours(2));
    expect(done).toMatchObject({ status: "completed", completedTaskIds: ["first", "second"] });
  });

  it("counts every task as required on a claim stored before optional tasks existed", () => {
    const legacy = { ...openClaim(opportunity(), userId, claimId, now), requiredTaskIds: null };
    expect(withTaskApproved(legacy, "first", hours(1)).status).toBe("active");
    expect(withTaskApproved(withTaskApproved(legacy, "first", hours(1)), "second", hours(2)).status).toBe("completed");
  });

  const claim = openClaim(opportunity(), userId, claimId, now);

  it("counts an approved task towards progress and keeps the claim active", () => {
    const approved = withTaskApproved(claim, "first", hours(1));
    expect(approved).toMatchObject({ status: "active", completedAt: null });
    expect(progressOf(approved)).toEqual({ completedTasks: 1, totalTasks: 2, completedTaskIds: ["first"] });
  });

  it("counts a task approved twice once", () => {
    const once = withTaskApproved(claim, "first", hours(1));
    expect(withTaskApproved(once, "first", hours(1))).toEqual(once);
  });

  it("completes the claim with the last task", () => {
    const done = withTaskApproved(withTaskApproved(claim, "first", hours(1)), "second", hours(2));
    expect(done).toMatchObject({ status: "completed", completedAt: hours(2) });
    expect(progressOf(done)).toEqual({ completedTasks: 2, totalTasks: 2, completedTaskIds: ["first", "second"] });
  });

  it("completes in either order of approval", () => {
    const done = withTaskApproved(withTaskApproved(claim, "second", hours(1)), "first", hours(2));
    expect(done).toMatchObject({ status: "completed", completedTaskIds: ["second", "first"] });
  });

  it("leaves a completed claim as it is when one of its tasks is approved again", () => {
    const done = withTaskApproved(withTaskApproved(claim, "first", hours(1)), "second", hours(2));
    expect(withTaskApproved(done, "first", hours(3))).toBe(done);
  });

  it.each(["withdrawn", "expired", "rejected"] as const)("refuses a new task on a claim that is %s: invalid_state", (status) => {
    expect(() => withTaskApproved({ ...claim, status }, "first", hours(1))).toThrow(expect.objectContaining({ code: "invalid_state" }));
  });

  it("counts optional work approved after the claim completed, changing nothing else", () => {
    const completedAt = hours(1);
    const done = { ...claim, status: "completed" as const, completedTaskIds: ["first"], completedAt };
    expect(withTaskApproved(done, "extra", hours(2))).toEqual({ ...done, completedTaskIds: ["first", "extra"] });
  });

  it("keeps the version it was read at: the store decides the next one", () => {
    expect(withTaskApproved({ ...claim, version: 7 }, "first", hours(1)).version).toBe(7);
  });
});

describe("withdrawn", () => {
  const active = () => openClaim(opportunity(), userId, claimId, now);
  const later = hours(1);

  it("withdraws an active claim and records when", () => {
    expect(withdrawn(active(), later)).toMatchObject({ status: "withdrawn", withdrawnAt: later, completedAt: null });
  });

  it.each([
    ["completed", withTaskApproved(withTaskApproved(active(), "first", now), "second", now)],
    ["withdrawn", withdrawn(active(), now)],
  ])("refuses a %s claim with invalid_state", (_status, claim) => {
    expect(() => withdrawn(claim, later)).toThrow(expect.objectContaining({ code: "invalid_state" }));
  });

  it("takes no approval once withdrawn", () => {
    expect(() => withTaskApproved(withdrawn(active(), now), "first", later)).toThrow(expect.objectContaining({ code: "invalid_state" }));
  });
});

describe("expired", () => {
  // The deadline is two hours after `now` (timeAllowedMinutes 120).
  const active = () => openClaim(opportunity(), userId, claimId, now);

  it("expires an active claim at its deadline or after, and records when", () => {
    expect(expired(active(), hours(2))).toMatchObject({ status: "expired", expiredAt: hours(2), completedAt: null, withdrawnAt: null });
    expect(expired(active(), hours(3))).toMatchObject({ status: "expired", expiredAt: hours(3) });
  });

  it("refuses one whose deadline has not come, with invalid_state", () => {
    expect(() => expired(active(), new Date(hours(2).getTime() - 1))).toThrow(expect.objectContaining({ code: "invalid_state" }));
  });

  it.each([
    ["completed", withTaskApproved(withTaskApproved(active(), "first", now), "second", now)],
    ["withdrawn", withdrawn(active(), now)],
    ["expired", expired(active(), hours(2))],
  ])("refuses a %s claim with invalid_state", (_status, claim) => {
    expect(() => expired(claim, hours(3))).toThrow(expect.objectContaining({ code: "invalid_state" }));
  });

  it("takes no work and no approval once expired", () => {
    const claim = expired(active(), hours(2));
    expect(() => assertAcceptsSubmissions(claim, hours(2))).toThrow(expect.objectContaining({ code: "invalid_state", details: { currentStatus: "expired" } }));
    expect(() => withTaskApproved(claim, "first", hours(2))).toThrow(expect.objectContaining({ code: "invalid_state" }));
  });

  it("is past its deadline from the deadline itself", () => {
    expect(isPastDeadline(active(), new Date(hours(2).getTime() - 1))).toBe(false);
    expect(isPastDeadline(active(), hours(2))).toBe(true);
  });
});

describe("gaveBackPlace", () => {
  it.each([
    ["active", false],
    ["completed", false],
    ["withdrawn", true],
    ["expired", true],
    ["rejected", true],
  ] as const)("%s: %s", (status, gave) => {
    expect(gaveBackPlace(status)).toBe(gave);
  });

  it("covers every status", () => {
    expect(ClaimStatus.options.sort()).toEqual(["active", "completed", "expired", "rejected", "withdrawn"]);
  });
});
