import { describe, expect, it } from "vitest";
import { OpportunityPatch, OpportunityStatus } from "../../../../src/contracts/opportunities.js";
import { draftOpportunity, type Opportunity } from "../../../../src/domain/opportunities/opportunity.js";
import { patchableFields, patched } from "../../../../src/domain/opportunities/opportunity-patch.js";
import { opportunityIn, surveyTask } from "../../support/fixtures.js";

const now = new Date("2026-03-02T09:00:00.000Z");
const later = new Date("2026-03-02T09:05:00.000Z");
const draft = draftOpportunity(opportunityIn({ capacity: 10, maxClaimsPerUser: 3, claimCooldownMinutes: 60, budget: 500, expiresAt: "2026-03-10T00:00:00.000Z" }), "opp_0000000000000001", now);
const inStatus = (status: OpportunityStatus, overrides: Partial<Opportunity> = {}): Opportunity => ({ ...draft, status, claimsCount: status === "draft" ? 0 : 4, ...overrides });
const patch = (input: unknown) => OpportunityPatch.parse(input);

// One change of each field, as a client would send it.
const oneOfEach = {
  title: { title: "Renamed" },
  description: { description: "More words" },
  tasks: { tasks: [surveyTask("other")] },
  reward: { reward: { type: "points", value: 99 } },
  targeting: { targeting: { countries: ["FR"] } },
  capacity: { capacity: 20 },
  timeAllowedMinutes: { timeAllowedMinutes: 30 },
  reviewPolicy: { reviewPolicy: "manual" },
  maxAttempts: { maxAttempts: 5 },
  autoApproveAfterDays: { autoApproveAfterDays: 7 },
  maxClaimsPerUser: { maxClaimsPerUser: 5 },
  claimCooldownMinutes: { claimCooldownMinutes: 30 },
  budget: { budget: 1_000 },
  expiresAt: { expiresAt: "2026-03-20T00:00:00.000Z" },
} as const;

describe("OpportunityPatch", () => {
  it("is strict and partial: no orgId, no unknown field, no default filled in, not empty", () => {
    expect(OpportunityPatch.safeParse({ orgId: "org_AcmeResearch000001" }).success).toBe(false);
    expect(OpportunityPatch.safeParse({ status: "active" }).success).toBe(false);
    expect(OpportunityPatch.safeParse({}).success).toBe(false);
    expect(patch({ title: "Only this" })).toEqual({ title: "Only this" });
  });
});

describe("patched: which field may change in which status", () => {
  const cases = OpportunityStatus.options.flatMap((status) => Object.entries(oneOfEach).map(([field, body]) => ({ status, field, body })));

  it.each(cases)("$status × $field", ({ status, field, body }) => {
    const before = inStatus(status);
    const allowed = (patchableFields[status] ?? []).includes(field as keyof OpportunityPatch);
    if (allowed) {
      const next = patched(before, patch(body), later);
      expect(next.updatedAt).toEqual(later);
      expect(next.status).toBe(status);
    } else {
      expect(() => patched(before, patch(body), later)).toThrow(expect.objectContaining({ code: "invalid_state", details: { currentStatus: status, fields: [field] } }));
    }
  });

  it("lets a draft change everything but its organization", () => {
    expect(patchableFields.draft).toEqual(Object.keys(oneOfEach));
  });

  it("names every field that may not change, and changes none of them", () => {
    const active = inStatus("active");
    expect(() => patched(active, patch({ title: "X", description: "ok", reward: { type: "points", value: 1 } }), later)).toThrow(
      expect.objectContaining({ code: "invalid_state", details: { currentStatus: "active", fields: ["title", "reward"] } }),
    );
  });
});

describe("patched: a draft", () => {
  it("takes the fields sent and keeps the rest", () => {
    const next = patched(draft, patch({ title: "New", capacity: 3, expiresAt: "2026-04-01T00:00:00.000Z" }), later);
    expect(next).toEqual({ ...draft, title: "New", capacity: 3, expiresAt: new Date("2026-04-01T00:00:00.000Z"), updatedAt: later });
  });

  it("is checked as a new draft is: repeated task ids, a past expiry", () => {
    expect(() => patched(draft, patch({ tasks: [surveyTask("a"), surveyTask("a")] }), later)).toThrow(expect.objectContaining({ code: "validation_failed" }));
    expect(() => patched(draft, patch({ expiresAt: "2026-03-01T00:00:00.000Z" }), later)).toThrow(expect.objectContaining({ code: "validation_failed" }));
  });

  it("may move its expiry earlier and its capacity down", () => {
    expect(patched(draft, patch({ expiresAt: "2026-03-05T00:00:00.000Z", capacity: 1 }), later)).toMatchObject({ capacity: 1, expiresAt: new Date("2026-03-05T00:00:00.000Z") });
  });
});

describe.each(["active", "paused"] as const)("patched: a %s opportunity", (status) => {
  const live = inStatus(status);

  it("takes a new description, a later expiry and more places", () => {
    const next = patched(live, patch({ description: "Now with details", expiresAt: "2026-03-11T00:00:00.000Z", capacity: 11 }), later);
    expect(next).toEqual({ ...live, description: "Now with details", expiresAt: new Date("2026-03-11T00:00:00.000Z"), capacity: 11, updatedAt: later });
  });

  it("accepts the same expiry and capacity again (a retried patch)", () => {
    expect(() => patched(live, patch({ expiresAt: "2026-03-10T00:00:00.000Z", capacity: 10 }), later)).not.toThrow();
  });

  it("refuses an earlier expiry and fewer places, naming both: invalid_state", () => {
    expect(() => patched(live, patch({ expiresAt: "2026-03-09T00:00:00.000Z", capacity: 9 }), later)).toThrow(
      expect.objectContaining({ code: "invalid_state", details: { currentStatus: status, fields: ["expiresAt", "capacity"] } }),
    );
  });

  it("refuses setting an expiry on one that never expires: that takes time away", () => {
    expect(() => patched({ ...live, expiresAt: null }, patch({ expiresAt: "2030-01-01T00:00:00.000Z" }), later)).toThrow(
      expect.objectContaining({ code: "invalid_state", details: { currentStatus: status, fields: ["expiresAt"] } }),
    );
  });

  it("takes more claims per participant and a shorter wait between them, and refuses the reverse", () => {
    expect(patched(live, patch({ maxClaimsPerUser: 4, claimCooldownMinutes: 0 }), later)).toMatchObject({ maxClaimsPerUser: 4, claimCooldownMinutes: 0 });
    expect(() => patched(live, patch({ maxClaimsPerUser: 2, claimCooldownMinutes: 61 }), later)).toThrow(
      expect.objectContaining({ code: "invalid_state", details: { currentStatus: status, fields: ["maxClaimsPerUser", "claimCooldownMinutes"] } }),
    );
  });

  it("takes a larger budget or none, and refuses a smaller one or one set where there was none", () => {
    expect(patched(live, patch({ budget: 600 }), later)).toMatchObject({ budget: 600 });
    expect(patched(live, patch({ budget: null }), later)).toMatchObject({ budget: null });
    for (const [before, after] of [
      [500, 499],
      [null, 10_000],
    ] as const) {
      expect(() => patched({ ...live, budget: before }, patch({ budget: after }), later)).toThrow(
        expect.objectContaining({ code: "invalid_state", details: { currentStatus: status, fields: ["budget"] } }),
      );
    }
  });

  it("refuses a capacity below the places taken", () => {
    expect(() => patched({ ...live, capacity: 3, claimsCount: 4 }, patch({ capacity: 3 }), later)).toThrow(expect.objectContaining({ code: "invalid_state", details: { currentStatus: status, fields: ["capacity"] } }));
  });

  it("refuses a later expiry that has passed already: validation_failed", () => {
    const past = { ...live, expiresAt: new Date("2026-03-01T00:00:00.000Z") };
    expect(() => patched(past, patch({ expiresAt: "2026-03-01T12:00:00.000Z" }), later)).toThrow(expect.objectContaining({ code: "validation_failed" }));
  });
});
