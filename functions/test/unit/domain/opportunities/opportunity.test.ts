import { describe, expect, it } from "vitest";
import { OpportunityStatus } from "../../../../src/contracts/opportunities.js";
import { assertClaimable, assertOpenForClaims, draftOpportunity, published, unsupportedFeatures, type Opportunity } from "../../../../src/domain/opportunities/opportunity.js";
import { opportunityIn, surveyTask, surveyWith } from "../../support/fixtures.js";

const now = new Date("2026-03-02T09:00:00.000Z");
const id = "opp_0000000000000001";

describe("draftOpportunity", () => {
  it("starts as a draft with no claims, not yet published", () => {
    const draft = draftOpportunity(opportunityIn({ expiresAt: "2026-04-01T00:00:00.000Z" }), id, now);
    expect(draft).toMatchObject({ id, status: "draft", claimsCount: 0, publishedAt: null, createdAt: now, updatedAt: now });
    expect(draft.expiresAt).toEqual(new Date("2026-04-01T00:00:00.000Z"));
  });

  it("takes the schema's defaults: a day per claim, automatic review, no expiry", () => {
    expect(draftOpportunity(opportunityIn(), id, now)).toMatchObject({ timeAllowedMinutes: 1440, reviewPolicy: "auto", expiresAt: null, description: "" });
  });

  it("refuses two tasks with the same id", () => {
    const input = opportunityIn({ tasks: [surveyTask("taste"), surveyTask("taste")] });
    expect(() => draftOpportunity(input, id, now)).toThrow(expect.objectContaining({ code: "validation_failed", message: expect.stringContaining('"taste" repeats') }));
  });

  it("refuses two questions with the same id in one task", () => {
    const task = surveyWith([{ id: "score", type: "rating", prompt: "One?" }, { id: "score", type: "rating", prompt: "Two?" }]);
    expect(() => draftOpportunity(opportunityIn({ tasks: [task] }), id, now)).toThrow(expect.objectContaining({ code: "validation_failed" }));
  });

  it("allows the same question id in different tasks", () => {
    expect(() => draftOpportunity(opportunityIn({ tasks: [surveyTask("before"), surveyTask("after")] }), id, now)).not.toThrow();
  });

  it("refuses a number question whose min exceeds its max", () => {
    const task = surveyWith([{ id: "age", type: "number", prompt: "Age?", min: 60, max: 18 }]);
    expect(() => draftOpportunity(opportunityIn({ tasks: [task] }), id, now)).toThrow(expect.objectContaining({ code: "validation_failed", message: "question age: min must not exceed max" }));
  });

  it("refuses a choice question with a repeated choice value", () => {
    const choices = [{ value: "red", label: "Red" }, { value: "blue", label: "Blue" }, { value: "red", label: "Crimson" }];
    const task = surveyWith([{ id: "colour", type: "single_choice", prompt: "Colour?", choices }]);
    expect(() => draftOpportunity(opportunityIn({ tasks: [task] }), id, now)).toThrow(expect.objectContaining({ code: "validation_failed" }));
  });

  it("refuses an age range whose min exceeds its max", () => {
    const input = opportunityIn({ targeting: { ageRange: { min: 40, max: 18 } } });
    expect(() => draftOpportunity(input, id, now)).toThrow(expect.objectContaining({ code: "validation_failed" }));
  });

  it.each(["2026-03-01T09:00:00.000Z", "2026-03-02T09:00:00.000Z"])("refuses an expiry that is not in the future (%s)", (expiresAt) => {
    expect(() => draftOpportunity(opportunityIn({ expiresAt }), id, now)).toThrow(expect.objectContaining({ code: "validation_failed", message: "expiresAt must be in the future" }));
  });
});

describe("published", () => {
  const draft = draftOpportunity(opportunityIn({ expiresAt: "2026-03-03T09:00:00.000Z" }), id, now);

  it("opens a draft for claims, stamped with the time it was published", () => {
    expect(published(draft, now)).toEqual({ ...draft, status: "active", publishedAt: now, updatedAt: now });
  });

  it("refuses an opportunity that is already active: invalid_state", () => {
    expect(() => published({ ...draft, status: "active" }, now)).toThrow(expect.objectContaining({ code: "invalid_state", details: { currentStatus: "active", transition: "publish" } }));
  });

  it("refuses once the expiry is reached: invalid_state", () => {
    expect(() => published(draft, new Date("2026-03-03T09:00:00.000Z"))).toThrow(expect.objectContaining({ code: "invalid_state", message: "this opportunity has already expired" }));
  });

});

describe("unsupportedFeatures", () => {
  const social = { id: "follow", type: "social" as const, title: "Follow", platform: "x" as const, action: "follow" as const, target: "https://x.com/acme" };
  const cases: Array<{ what: string; input: Parameters<typeof opportunityIn>[0]; found: number }> = [
    { what: "survey tasks, points, auto review", input: {}, found: 0 },
    { what: "a social task", input: { tasks: [social] }, found: 0 },
    { what: "a voucher reward", input: { reward: { type: "voucher", value: 500, currency: "EUR", poolId: "vpl_0000000000000001" } }, found: 0 },
    { what: "a cash reward, paid out through the payouts provider", input: { reward: { type: "cash", value: 200, currency: "USD" } }, found: 0 },
    // Every review policy can be carried out: the review queue decides what checks leave.
    { what: "the auto_then_manual policy", input: { reviewPolicy: "auto_then_manual" }, found: 0 },
    { what: "the manual policy", input: { reviewPolicy: "manual" }, found: 0 },
    { what: "an upload task", input: { tasks: [{ id: "photo", type: "upload", title: "Photo", media: { kinds: ["image"], maxBytes: 1_000_000 } }] }, found: 0 },
  ];

  it.each(cases)("finds $found in $what", ({ input, found }) => {
    expect(unsupportedFeatures(draftOpportunity(opportunityIn(input), id, now))).toHaveLength(found);
  });
});

describe("assertClaimable", () => {
  const active: Opportunity = { ...draftOpportunity(opportunityIn({ capacity: 2, expiresAt: "2026-03-03T09:00:00.000Z" }), id, now), status: "active" };

  it("accepts an active opportunity with places left before it expires", () => {
    expect(() => assertClaimable({ ...active, claimsCount: 1 }, now)).not.toThrow();
  });

  it.each(OpportunityStatus.options.filter((s) => s !== "active"))("refuses a %s opportunity", (status) => {
    expect(() => assertClaimable({ ...active, status }, now)).toThrow(expect.objectContaining({ code: "invalid_state", details: { status } }));
  });

  it("refuses once the expiry is reached", () => {
    expect(() => assertClaimable(active, new Date("2026-03-03T09:00:00.000Z"))).toThrow(expect.objectContaining({ code: "invalid_state", message: "this opportunity has expired" }));
  });

  it("refuses when every place is taken", () => {
    expect(() => assertClaimable({ ...active, claimsCount: 2 }, now)).toThrow(expect.objectContaining({ code: "capacity_exhausted" }));
  });
});

describe("assertOpenForClaims", () => {
  const full: Opportunity = { ...draftOpportunity(opportunityIn({ capacity: 2, expiresAt: "2026-03-03T09:00:00.000Z" }), id, now), status: "active", claimsCount: 2 };

  it("accepts a full active opportunity: a participant holding a place may still write their claim", () => {
    expect(() => assertOpenForClaims(full, now)).not.toThrow();
  });

  it("refuses an opportunity not active, and an expired one", () => {
    expect(() => assertOpenForClaims({ ...full, status: "draft" }, now)).toThrow(expect.objectContaining({ code: "invalid_state" }));
    expect(() => assertOpenForClaims(full, new Date("2026-03-03T09:00:00.000Z"))).toThrow(expect.objectContaining({ code: "invalid_state" }));
  });
});
