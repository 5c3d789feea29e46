import { describe, expect, it } from "vitest";
import { createOpportunity } from "../../../../src/app/opportunities/create-opportunity.js";
import { OpportunityOut } from "../../../../src/contracts/opportunities.js";
import { opportunityIn, organizationWithEveryRole, participant, storedApiKey, surveyTask } from "../../support/fixtures.js";
import { inMemoryDeps } from "../../support/in-memory-ports.js";

describe("createOpportunity", () => {
  it("stores a draft for an owner or an admin of the organization", async () => {
    const deps = inMemoryDeps();
    const { org, owner, admin } = await organizationWithEveryRole(deps);

    for (const member of [owner, admin]) {
      const created = await createOpportunity(deps, member, opportunityIn({ orgId: org.id }));
      expect(OpportunityOut.safeParse(created).success).toBe(true);
      expect(await deps.opportunities.findById(created.id)).toMatchObject({ orgId: org.id, status: "draft", claimsCount: 0, publishedAt: null });
    }
  });

  it("accepts the organization's API key with opportunities:write", async () => {
    const deps = inMemoryDeps();
    const { org } = await organizationWithEveryRole(deps);
    const { principal } = await storedApiKey(deps, org.id, ["opportunities:write"]);

    const created = await createOpportunity(deps, principal, opportunityIn({ orgId: org.id }));
    expect(await deps.opportunities.findById(created.id)).not.toBeNull();
  });

  it("forbids reviewers, developers and viewers, storing nothing", async () => {
    const deps = inMemoryDeps();
    const { org, reviewer, developer, viewer } = await organizationWithEveryRole(deps);

    for (const member of [reviewer, developer, viewer]) {
      await expect(createOpportunity(deps, member, opportunityIn({ orgId: org.id }))).rejects.toMatchObject({ code: "forbidden" });
    }
    expect(deps.opportunities.table.all()).toEqual([]);
  });

  it("forbids the organization's API key without opportunities:write", async () => {
    const deps = inMemoryDeps();
    const { org } = await organizationWithEveryRole(deps);
    const { principal } = await storedApiKey(deps, org.id, ["opportunities:read"]);

    await expect(createOpportunity(deps, principal, opportunityIn({ orgId: org.id }))).rejects.toMatchObject({ code: "forbidden" });
  });

  it("tells strangers and other organizations' keys only that the organization was not found", async () => {
    const deps = inMemoryDeps();
    const { org } = await organizationWithEveryRole(deps);
    const { principal: foreignKey } = await storedApiKey(deps, "org_SomeoneElse00000001", ["opportunities:write"]);

    await expect(createOpportunity(deps, participant(deps), opportunityIn({ orgId: org.id }))).rejects.toMatchObject({ code: "not_found" });
    await expect(createOpportunity(deps, foreignKey, opportunityIn({ orgId: org.id }))).rejects.toMatchObject({ code: "not_found" });
    await expect(createOpportunity(deps, participant(deps), opportunityIn({ orgId: "org_0000000000000404" }))).rejects.toMatchObject({ code: "not_found" });
    expect(deps.opportunities.table.all()).toEqual([]);
  });

  it("refuses a draft that breaks an invariant, storing nothing", async () => {
    const deps = inMemoryDeps();
    const { org, owner } = await organizationWithEveryRole(deps);

    const input = opportunityIn({ orgId: org.id, tasks: [surveyTask("taste"), surveyTask("taste")] });
    await expect(createOpportunity(deps, owner, input)).rejects.toMatchObject({ code: "validation_failed" });
    expect(deps.opportunities.table.all()).toEqual([]);
  });
});
