import { describe, expect, it } from "vitest";
import { OpportunityStatus } from "../../../../src/contracts/opportunities.js";
import { canTransition, opportunityTransitions, statusAfter, type OpportunityTransition } from "../../../../src/domain/opportunities/lifecycle.js";
import { draftOpportunity, transitioned, type Opportunity } from "../../../../src/domain/opportunities/opportunity.js";
import { opportunityIn } from "../../support/fixtures.js";

const now = new Date("2026-03-02T09:00:00.000Z");
const later = new Date("2026-03-02T10:00:00.000Z");

// The whole table, written out: every status × every move, and where the legal ones lead.
const expected: Record<OpportunityStatus, Partial<Record<OpportunityTransition, OpportunityStatus>>> = {
  draft: { publish: "active", delete: "deleted" },
  active: { pause: "paused", complete: "completed" },
  paused: { resume: "active", complete: "completed" },
  completed: { archive: "archived" },
  archived: {},
  deleted: {},
};

const cases = OpportunityStatus.options.flatMap((status) => opportunityTransitions.map((transition) => ({ status, transition, to: expected[status][transition] })));

describe("the transition table", () => {
  it("covers every status × every move (36 cases)", () => {
    expect(cases).toHaveLength(OpportunityStatus.options.length * opportunityTransitions.length);
    expect(cases).toHaveLength(36);
  });

  it.each(cases)("$status × $transition → $to", ({ status, transition, to }) => {
    if (to === undefined) {
      expect(canTransition(status, transition)).toBe(false);
      expect(() => statusAfter(status, transition)).toThrow(expect.objectContaining({ code: "invalid_state", details: { currentStatus: status, transition } }));
    } else {
      expect(canTransition(status, transition)).toBe(true);
      expect(statusAfter(status, transition)).toBe(to);
    }
  });
});

describe("transitioned", () => {
  const draft = draftOpportunity(opportunityIn({ expiresAt: "2026-03-03T09:00:00.000Z" }), "opp_0000000000000001", now);
  const inStatus = (status: OpportunityStatus): Opportunity => ({ ...draft, status, publishedAt: status === "draft" ? null : now });

  it.each(cases)("$status × $transition: the table's status, or invalid_state leaving the opportunity as it was", ({ status, transition, to }) => {
    const before = inStatus(status);
    const copy = structuredClone(before);
    if (to === undefined) {
      expect(() => transitioned(before, transition, later)).toThrow(expect.objectContaining({ code: "invalid_state", details: { currentStatus: status, transition } }));
    } else {
      expect(transitioned(before, transition, later)).toMatchObject({ status: to, updatedAt: later, version: before.version });
    }
    expect(before).toEqual(copy);
  });

  it("stamps publishing with publishedAt, and completing with completedAt and its reason", () => {
    expect(transitioned(draft, "publish", later)).toMatchObject({ publishedAt: later, completedAt: null, completionReason: null });
    expect(transitioned(inStatus("active"), "complete", later)).toMatchObject({ completedAt: later, completionReason: "manual" });
    expect(transitioned(inStatus("paused"), "complete", later, "expired")).toMatchObject({ completedAt: later, completionReason: "expired" });
  });

  it("keeps what the other moves do not touch", () => {
    expect(transitioned(inStatus("active"), "pause", later)).toEqual({ ...inStatus("active"), status: "paused", updatedAt: later });
  });

  it.each(["publish", "resume"] as const)("refuses to %s once expired: no claims for an opportunity with no time left", (transition) => {
    const expired = new Date("2026-03-03T09:00:00.000Z");
    const from = transition === "publish" ? draft : inStatus("paused");
    expect(() => transitioned(from, transition, expired)).toThrow(expect.objectContaining({ code: "invalid_state", message: "this opportunity has already expired" }));
  });

  it("still lets an expired opportunity be paused, completed and archived", () => {
    const expired = new Date("2026-03-04T09:00:00.000Z");
    expect(transitioned(inStatus("active"), "pause", expired).status).toBe("paused");
    expect(transitioned(inStatus("paused"), "complete", expired, "expired").status).toBe("completed");
    expect(transitioned(inStatus("completed"), "archive", expired).status).toBe("archived");
  });
});
