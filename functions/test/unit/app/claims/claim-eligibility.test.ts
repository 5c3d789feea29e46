import { describe, expect, it } from "vitest";
import { claimOpportunity } from "../../../../src/app/claims/claim-opportunity.js";
import { AppError } from "../../../../src/domain/app-error.js";
import { activeOpportunity, participant } from "../../support/fixtures.js";
import { inMemoryDeps } from "../../support/in-memory-ports.js";
import { participantWithProfile } from "../../support/participants.js";

const targeting = { countries: ["FR", "BE"], ageRange: { min: 18, max: 30 } };

describe("claimOpportunity, eligibility", () => {
  it("refuses a participant outside the targeting with not_eligible and the unmet conditions; no place is taken, nothing is written", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps, { targeting });
    const outsider = await participantWithProfile(deps, { country: "DE", birthDate: "1980-01-01" });

    const refusal = await claimOpportunity(deps, outsider, { opportunityId: opportunity.id }).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(AppError);
    expect(refusal).toMatchObject({ code: "not_eligible", details: { unmet: [{ code: "country_not_targeted", field: "country" }, { code: "age_out_of_range", field: "birthDate" }] } });
    expect(await deps.opportunities.findById(opportunity.id)).toMatchObject({ claimsCount: 0 });
    expect(deps.opportunities.reservations.get(opportunity.id) ?? []).toEqual([]);
    expect(deps.claims.table.all()).toEqual([]);
    expect(deps.publisher.published).toEqual([]);
  });

  it("refuses a participant with no profile as profile_incomplete", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps, { targeting });
    await expect(claimOpportunity(deps, participant(deps), { opportunityId: opportunity.id })).rejects.toMatchObject({
      code: "not_eligible",
      details: { unmet: [{ code: "profile_incomplete", field: "country" }, { code: "profile_incomplete", field: "birthDate" }] },
    });
  });

  it("lets a participant inside the targeting claim", async () => {
    const deps = inMemoryDeps();
    const opportunity = await activeOpportunity(deps, { targeting });
    const insider = await participantWithProfile(deps, { country: "BE", birthDate: "2000-01-01" });
    expect(await claimOpportunity(deps, insider, { opportunityId: opportunity.id })).toMatchObject({ status: "active", userId: insider.userId });
    expect(await deps.opportunities.findById(opportunity.id)).toMatchObject({ claimsCount: 1 });
  });
});
