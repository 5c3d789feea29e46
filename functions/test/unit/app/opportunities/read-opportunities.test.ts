import { describe, expect, it } from "vitest";
import { createOpportunity } from "../../../../src/app/opportunities/create-opportunity.js";
import { changeOpportunityStatus } from "../../../../src/app/opportunities/change-opportunity-status.js";
import { getOpportunity, listOpportunities } from "../../../../src/app/opportunities/read-opportunities.js";
import { createVoucherPool } from "../../../../src/app/vouchers/voucher-pools.js";
import { opportunityIn, organizationWithEveryRole, participant, storedApiKey } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";

const publishOpportunity = (deps: InMemoryDeps, principal: Parameters<typeof changeOpportunityStatus>[1], id: string) => changeOpportunityStatus(deps, principal, id, "publish");

/** Acme with one draft paying a voucher and one active opportunity paying points. */
async function acmeWithDraftAndActive(deps: InMemoryDeps) {
  const acme = await organizationWithEveryRole(deps);
  const pool = await createVoucherPool(deps, acme.owner, { orgId: acme.org.id, name: "Coffee", redemptionInstructions: "", lowStockThreshold: 0 });
  const draft = await createOpportunity(deps, acme.owner, opportunityIn({ orgId: acme.org.id, title: "Draft", reward: { type: "voucher", value: 500, currency: "EUR", poolId: pool.id } }));
  deps.clock.advance(1_000);
  const active = await createOpportunity(deps, acme.owner, opportunityIn({ orgId: acme.org.id, title: "Active" }));
  await publishOpportunity(deps, acme.owner, active.id);
  return { ...acme, draft, active };
}

const query = (overrides: Partial<Parameters<typeof listOpportunities>[2]> = {}): Parameters<typeof listOpportunities>[2] => ({ limit: 20, sort: "-createdAt", eligibility: "eligible", ...overrides });
const ids = (page: { data: { id: string }[] }) => page.data.map((o) => o.id);

describe("getOpportunity", () => {
  it("shows an active opportunity to any signed-in participant", async () => {
    const deps = inMemoryDeps();
    const { active } = await acmeWithDraftAndActive(deps);
    expect(await getOpportunity(deps, participant(deps), active.id)).toMatchObject({ id: active.id, status: "active" });
  });

  it("shows a draft to members of any role and to the organization's API key", async () => {
    const deps = inMemoryDeps();
    const { org, viewer, draft } = await acmeWithDraftAndActive(deps);
    const { principal: key } = await storedApiKey(deps, org.id, ["opportunities:read"]);

    expect(await getOpportunity(deps, viewer, draft.id)).toMatchObject({ id: draft.id, status: "draft" });
    expect(await getOpportunity(deps, key, draft.id)).toMatchObject({ id: draft.id });
  });

  it("hides a draft from strangers, and everything from other organizations' keys: not_found", async () => {
    const deps = inMemoryDeps();
    const { draft, active } = await acmeWithDraftAndActive(deps);
    const { principal: foreignKey } = await storedApiKey(deps, "org_SomeoneElse00000001", ["opportunities:read"]);

    await expect(getOpportunity(deps, participant(deps), draft.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getOpportunity(deps, foreignKey, active.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getOpportunity(deps, participant(deps), "opp_0000000000000404")).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("listOpportunities", () => {
  it("lists only active opportunities without orgId, even to members", async () => {
    const deps = inMemoryDeps();
    const { owner, active } = await acmeWithDraftAndActive(deps);

    expect(ids(await listOpportunities(deps, participant(deps), query()))).toEqual([active.id]);
    expect(ids(await listOpportunities(deps, owner, query()))).toEqual([active.id]);
  });

  it("refuses to list other statuses without orgId: validation_failed", async () => {
    const deps = inMemoryDeps();
    await expect(listOpportunities(deps, participant(deps), query({ status: "draft" }))).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("lists every opportunity of the organization to its members, filtered by status on request", async () => {
    const deps = inMemoryDeps();
    const { org, viewer, draft, active } = await acmeWithDraftAndActive(deps);

    expect(ids(await listOpportunities(deps, viewer, query({ orgId: org.id })))).toEqual([active.id, draft.id]);
    expect(ids(await listOpportunities(deps, viewer, query({ orgId: org.id, status: "draft" })))).toEqual([draft.id]);
  });

  it("lists the organization of an API key without orgId", async () => {
    const deps = inMemoryDeps();
    const { org, draft, active } = await acmeWithDraftAndActive(deps);
    const { principal: key } = await storedApiKey(deps, org.id, ["opportunities:read"]);

    expect(ids(await listOpportunities(deps, key, query()))).toEqual([active.id, draft.id]);
  });

  it("tells strangers that the organization was not found", async () => {
    const deps = inMemoryDeps();
    const { org } = await acmeWithDraftAndActive(deps);
    await expect(listOpportunities(deps, participant(deps), query({ orgId: org.id }))).rejects.toMatchObject({ code: "not_found" });
  });

  it("filters by reward type", async () => {
    const deps = inMemoryDeps();
    const { org, owner, draft, active } = await acmeWithDraftAndActive(deps);

    expect(ids(await listOpportunities(deps, owner, query({ orgId: org.id, rewardType: "voucher" })))).toEqual([draft.id]);
    expect(ids(await listOpportunities(deps, owner, query({ orgId: org.id, rewardType: "points" })))).toEqual([active.id]);
    expect(ids(await listOpportunities(deps, owner, query({ orgId: org.id, rewardType: "cash" })))).toEqual([]);
  });

  it("pages oldest first with sort=createdAt, each opportunity once", async () => {
    const deps = inMemoryDeps();
    const { org, owner } = await organizationWithEveryRole(deps);
    const created: string[] = [];
    for (let i = 0; i < 5; i++) created.push((await createOpportunity(deps, owner, opportunityIn({ orgId: org.id }))).id);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listOpportunities(deps, owner, query({ orgId: org.id, sort: "createdAt", limit: 2, cursor }));
      seen.push(...ids(page));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    expect(seen).toEqual(created);
  });
});
