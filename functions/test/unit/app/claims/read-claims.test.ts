import { describe, expect, it } from "vitest";
import { claimOpportunity } from "../../../../src/app/claims/claim-opportunity.js";
import { getClaim, listClaims } from "../../../../src/app/claims/read-claims.js";
import { activeOpportunity, participant } from "../../support/fixtures.js";
import { inMemoryDeps } from "../../support/in-memory-ports.js";

describe("getClaim", () => {
  it("shows participants their own claim and hides everyone else's: not_found", async () => {
    const deps = inMemoryDeps();
    const alice = participant(deps);
    const claim = await claimOpportunity(deps, alice, { opportunityId: (await activeOpportunity(deps)).id });

    expect(await getClaim(deps, alice, claim.id)).toEqual(claim);
    await expect(getClaim(deps, participant(deps), claim.id)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("listClaims", () => {
  it("lists only the caller's claims, newest first, a page at a time", async () => {
    const deps = inMemoryDeps();
    const alice = participant(deps);
    const claimIds: string[] = [];
    for (let i = 0; i < 3; i++) {
      const opportunity = await activeOpportunity(deps);
      claimIds.push((await claimOpportunity(deps, alice, { opportunityId: opportunity.id })).id);
      await claimOpportunity(deps, participant(deps), { opportunityId: opportunity.id });
      deps.clock.advance(1_000);
    }

    const first = await listClaims(deps, alice, { limit: 2, sort: "-createdAt" });
    expect(first.data.map((c) => c.id)).toEqual([claimIds[2], claimIds[1]]);
    expect(first.nextCursor).not.toBeNull();

    const second = await listClaims(deps, alice, { limit: 2, sort: "-createdAt", cursor: first.nextCursor ?? undefined });
    expect(second.data.map((c) => c.id)).toEqual([claimIds[0]]);
    expect(second.nextCursor).toBeNull();
  });

  it("filters by opportunity", async () => {
    const deps = inMemoryDeps();
    const alice = participant(deps);
    const [wanted, other] = [await activeOpportunity(deps), await activeOpportunity(deps)];
    const claim = await claimOpportunity(deps, alice, { opportunityId: wanted.id });
    await claimOpportunity(deps, alice, { opportunityId: other.id });

    const page = await listClaims(deps, alice, { limit: 20, sort: "-createdAt", opportunityId: wanted.id });
    expect(page.data.map((c) => c.id)).toEqual([claim.id]);
  });
});
