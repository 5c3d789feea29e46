import { afterAll, describe, expect, it } from "vitest";
import { apiClient, signUpUser } from "./support/api-client.js";
import { platformDatabase } from "./support/mongo.js";
import { publishedOpportunity } from "./support/scenario.js";

// Targeting through Hosting, as a client would call: the participant's profile at /v1/me, a claim
// outside the targeting refused with its reasons and nothing changed, one inside taken, and the
// marketplace showing each participant only what they may claim.

const database = platformDatabase();
afterAll(() => database.close());

const stored = (collection: string, id: string) => database.db.collection<{ _id: string; claimsCount?: number; reservations?: unknown[] }>(collection).findOne({ _id: id });

const frenchSpeakingAdultsInFranceOrBelgium = {
  countries: ["FR", "BE"],
  ageRange: { min: 18, max: 40 },
  languages: ["fr"],
  demographics: { employment: ["student", "employed"] },
};

async function participant(name: string) {
  const client = apiClient((await signUpUser(name)).idToken);
  return { ...client, patchMe: (body: unknown) => client.raw("PATCH", "/v1/me", { body }) };
}

describe("the participant profile, /v1/me", () => {
  it("starts empty, changes only the fields sent, clears with null, and refuses an impossible birth date changing nothing", async () => {
    const ada = await participant("profile");
    const empty = await ada.get("/v1/me");
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ displayName: null, country: null, birthDate: null, languages: [], demographics: {}, updatedAt: null });
    expect(empty.body.userId).toBe((await ada.get("/v1/account")).body.userId);

    expect((await ada.patchMe({ displayName: "Ada", country: "FR", birthDate: "2000-02-29", languages: ["fr", "en"], demographics: { employment: "student" } })).status).toBe(200);
    const changed = await ada.patchMe({ displayName: null, demographics: { pets: "cat" } });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body).toMatchObject({ displayName: null, country: "FR", birthDate: "2000-02-29", languages: ["fr", "en"], demographics: { employment: "student", pets: "cat" } });

    for (const body of [{ birthDate: "2999-01-01" }, { birthDate: "1850-01-01" }, { birthDate: "2001-02-29" }, { country: "France" }, { nickname: "x" }]) {
      const refused = await ada.patchMe(body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ code: "validation_failed", errors: expect.arrayContaining([expect.objectContaining({ location: expect.stringMatching(/^body/) })]) });
    }
    expect((await ada.get("/v1/me")).body).toEqual(changed.body);
  });
});

describe("targeting at claim time", () => {
  it("refuses a participant outside the targeting with 403 not_eligible and the unmet conditions, taking no place; one inside claims", async () => {
    const { opportunity } = await publishedOpportunity({ targeting: frenchSpeakingAdultsInFranceOrBelgium, capacity: 5 });
    const outsider = await participant("outsider");
    expect((await outsider.patchMe({ country: "DE", birthDate: "1970-06-01", languages: ["de"] })).status).toBe(200);

    const refused = await outsider.post("/v1/claims", { opportunityId: opportunity.id });

    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({
      code: "not_eligible",
      unmet: [
        { code: "country_not_targeted", field: "country", message: expect.stringContaining("France") },
        { code: "age_out_of_range", field: "birthDate" },
        { code: "language_not_targeted", field: "languages" },
        { code: "profile_incomplete", field: "demographics.employment" },
      ],
    });
    expect(await stored("opportunities", opportunity.id)).toMatchObject({ claimsCount: 0 });
    expect((await stored("opportunities", opportunity.id))?.reservations ?? []).toEqual([]);
    expect(await database.db.collection("claims").countDocuments({ opportunityId: opportunity.id })).toBe(0);
    expect((await outsider.get(`/v1/opportunities/${opportunity.id}`)).body.eligibility).toMatchObject({ eligible: false, unmet: refused.body.unmet });

    const insider = await participant("insider");
    expect((await insider.patchMe({ country: "BE", birthDate: "2001-03-15", languages: ["nl", "fr"], demographics: { employment: "student" } })).status).toBe(200);
    expect((await insider.get(`/v1/opportunities/${opportunity.id}`)).body.eligibility).toEqual({ eligible: true, unmet: [] });
    const claimed = await insider.post("/v1/claims", { opportunityId: opportunity.id });
    expect(claimed.status, JSON.stringify(claimed.body)).toBe(201);
    expect(await stored("opportunities", opportunity.id)).toMatchObject({ claimsCount: 1 });
  });

  it("lets a participant claim once they complete the profile the targeting needs", async () => {
    const { opportunity } = await publishedOpportunity({ targeting: { countries: ["FR"] } });
    const newcomer = await participant("newcomer");
    const refused = await newcomer.post("/v1/claims", { opportunityId: opportunity.id });
    expect(refused.body).toMatchObject({ code: "not_eligible", unmet: [{ code: "profile_incomplete", field: "country" }] });

    expect((await newcomer.patchMe({ country: "FR" })).status).toBe(200);
    expect((await newcomer.post("/v1/claims", { opportunityId: opportunity.id })).status).toBe(201);
  });
});

describe("the participant's marketplace", () => {
  // Walks every active opportunity of the shared database one page at a time: a request per
  // opportunity the earlier files published (hundreds in a full run), each now opening the
  // participant's sealed profile, so it is given the time a walk that long takes.
  it("hides what the participant may not claim, unless they ask for eligibility=all", { timeout: 300_000 }, async () => {
    const { opportunity: forFrance } = await publishedOpportunity({ title: "For France", targeting: { countries: ["FR"] } });
    const { opportunity: forJapan } = await publishedOpportunity({ title: "For Japan", targeting: { countries: ["JP"] } });
    const french = await participant("marketplace");
    expect((await french.patchMe({ country: "FR" })).status).toBe(200);

    const eligibleIds = new Set<string>();
    let path: string | null = "/v1/opportunities?limit=1";
    while (path) {
      const page: Awaited<ReturnType<typeof french.get>> = await french.get(path);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      for (const item of page.body.data) {
        expect(item.eligibility).toMatchObject({ eligible: true });
        eligibleIds.add(item.id);
      }
      path = page.body.nextCursor ? `/v1/opportunities?limit=1&cursor=${page.body.nextCursor}` : null;
    }
    expect(eligibleIds.has(forFrance.id)).toBe(true);
    expect(eligibleIds.has(forJapan.id)).toBe(false);

    const all = await french.get("/v1/opportunities?eligibility=all&limit=100");
    const shown = all.body.data.find((o: { id: string }) => o.id === forJapan.id);
    expect(shown?.eligibility).toMatchObject({ eligible: false, unmet: [{ code: "country_not_targeted" }] });
  });
});
