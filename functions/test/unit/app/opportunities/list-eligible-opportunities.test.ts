import { describe, expect, it } from "vitest";
import { getOpportunity, listOpportunities } from "../../../../src/app/opportunities/read-opportunities.js";
import type { Targeting } from "../../../../src/contracts/opportunities.js";
import type { Principal } from "../../../../src/domain/identity/principal.js";
import { activeOpportunity, participant } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";
import { participantWithProfile } from "../../support/participants.js";

const forFrance: Targeting = { countries: ["FR"] };
const forGermany: Targeting = { countries: ["DE"] };

/** Active opportunities created a second apart, oldest first, with these targetings. */
async function marketplace(deps: InMemoryDeps, targetings: Targeting[]) {
  const created = [];
  for (const [index, targeting] of targetings.entries()) {
    created.push(await activeOpportunity(deps, { title: `Opportunity ${index}`, targeting }));
    deps.clock.advance(1_000);
  }
  return created;
}

/** Every page of the list, following cursors. */
async function everyPage(deps: InMemoryDeps, principal: Principal, limit: number, eligibility: "eligible" | "all" = "eligible") {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = await listOpportunities(deps, principal, { limit, sort: "-createdAt", eligibility, ...(cursor ? { cursor } : {}) });
    pages.push(page.data.map((o) => o.title));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return pages;
}

describe("listOpportunities for a participant", () => {
  it("shows only what they may claim, each with its eligibility; eligibility=all shows everything", async () => {
    const deps = inMemoryDeps();
    await marketplace(deps, [forFrance, forGermany, {}]);
    const french = await participantWithProfile(deps, { country: "FR" });

    const eligible = await listOpportunities(deps, french, { limit: 20, sort: "-createdAt", eligibility: "eligible" });
    expect(eligible.data.map((o) => [o.title, o.eligibility?.eligible])).toEqual([["Opportunity 2", true], ["Opportunity 0", true]]);

    const all = await listOpportunities(deps, french, { limit: 20, sort: "-createdAt", eligibility: "all" });
    expect(all.data.map((o) => o.title)).toEqual(["Opportunity 2", "Opportunity 1", "Opportunity 0"]);
    expect(all.data[1]?.eligibility).toMatchObject({ eligible: false, unmet: [{ code: "country_not_targeted" }] });
  });

  it("pages through eligible items without skipping any, across long runs of ineligible ones", async () => {
    const deps = inMemoryDeps();
    // 0..249 oldest first: every 7th is for France, the rest for Germany; a run of 230 German ones in the middle.
    const targetings = Array.from({ length: 250 }, (_, i) => (i % 7 === 0 && (i < 10 || i > 240) ? forFrance : forGermany));
    await marketplace(deps, targetings);
    const french = await participantWithProfile(deps, { country: "FR" });

    const pages = await everyPage(deps, french, 1);
    const expected = targetings.flatMap((t, i) => (t === forFrance ? [`Opportunity ${i}`] : [])).reverse();
    expect(pages.flat()).toEqual(expected);
    expect(pages.every((page) => page.length <= 1)).toBe(true);
    expect(await everyPage(deps, french, 100)).toEqual([expected]);
  });

  it("bounds the reading of one page: a participant eligible for nothing gets short pages that carry on to the end", async () => {
    const deps = inMemoryDeps();
    await marketplace(deps, Array.from({ length: 620 }, () => forGermany));
    const french = await participantWithProfile(deps, { country: "FR" });
    const pages = await everyPage(deps, french, 20);
    expect(pages.flat()).toEqual([]);
    // 500 read in the first request, the remaining 120 in the second.
    expect(pages).toHaveLength(2);
  });

  it("lists everything, without eligibility, to anonymous browsers and to the organization", async () => {
    const deps = inMemoryDeps();
    await marketplace(deps, [forFrance, forGermany]);
    const anonymous: Principal = { ...participant(deps), anonymous: true };
    const page = await listOpportunities(deps, anonymous, { limit: 20, sort: "-createdAt", eligibility: "eligible" });
    expect(page.data.map((o) => [o.title, o.eligibility])).toEqual([["Opportunity 1", undefined], ["Opportunity 0", undefined]]);
  });
});

describe("getOpportunity for a participant", () => {
  it("says whether they may claim it and why not", async () => {
    const deps = inMemoryDeps();
    const [french, german] = await marketplace(deps, [forFrance, { countries: ["DE"], ageRange: { min: 18, max: 99 } }]);
    const ada = await participantWithProfile(deps, { country: "FR" });
    expect((await getOpportunity(deps, ada, french!.id)).eligibility).toEqual({ eligible: true, unmet: [] });
    expect((await getOpportunity(deps, ada, german!.id)).eligibility).toMatchObject({
      eligible: false,
      unmet: [{ code: "country_not_targeted" }, { code: "profile_incomplete", field: "birthDate" }],
    });
  });
});
