import { describe, expect, it } from "vitest";
import { claimOpportunity } from "../../../../src/app/claims/claim-opportunity.js";
import { listClaimSubmissions } from "../../../../src/app/claims/read-claim-submissions.js";
import { submitWork } from "../../../../src/app/claims/submit-work.js";
import { SubmissionOut } from "../../../../src/contracts/claims.js";
import { activeOpportunity, organizationWithEveryRole, participant, storedApiKey, surveyTask, validAnswers } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";

/** Alice's claim on an opportunity of Acme's with three survey tasks, each submitted a second apart. */
async function claimWithThreeSubmissions(deps: InMemoryDeps) {
  const acme = await organizationWithEveryRole(deps);
  const opportunity = await activeOpportunity(deps, { orgId: acme.org.id, tasks: [surveyTask("first"), surveyTask("second"), surveyTask("third")] });
  const alice = participant(deps);
  const claim = await claimOpportunity(deps, alice, { opportunityId: opportunity.id });
  const submissionIds: string[] = [];
  for (const taskId of ["first", "second", "third"]) {
    deps.clock.advance(1_000);
    submissionIds.push((await submitWork(deps, alice, claim.id, { taskId, answers: validAnswers })).id);
  }
  return { ...acme, alice, claimId: claim.id, submissionIds };
}

describe("listClaimSubmissions", () => {
  it("shows the participant the submissions of their claim, oldest first, a page at a time", async () => {
    const deps = inMemoryDeps();
    const { alice, claimId, submissionIds } = await claimWithThreeSubmissions(deps);

    const first = await listClaimSubmissions(deps, alice, claimId, { limit: 2 });
    expect(first.data.map((s) => s.id)).toEqual(submissionIds.slice(0, 2));
    expect(first.data.every((s) => SubmissionOut.safeParse(s).success)).toBe(true);
    expect(first.data[0]).toMatchObject({ claimId, taskId: "first", status: "approved", verification: { checks: expect.any(Array) } });
    const second = await listClaimSubmissions(deps, alice, claimId, { limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second).toMatchObject({ data: [{ id: submissionIds[2] }], nextCursor: null });
  });

  it("shows them to the claim's organization: members whose role grants claims:read and keys with that scope", async () => {
    const deps = inMemoryDeps();
    const { org, reviewer, developer, owner, claimId, submissionIds } = await claimWithThreeSubmissions(deps);
    const { principal: key } = await storedApiKey(deps, org.id, ["claims:read"]);

    for (const reader of [owner, reviewer, developer, key]) {
      expect((await listClaimSubmissions(deps, reader, claimId, { limit: 20 })).data.map((s) => s.id)).toEqual(submissionIds);
    }
  });

  it("refuses a member whose role lacks claims:read (forbidden), and hides the claim from anyone else (not_found)", async () => {
    const deps = inMemoryDeps();
    const { viewer, claimId } = await claimWithThreeSubmissions(deps);
    const elsewhere = await organizationWithEveryRole(deps);
    const { principal: otherKey } = await storedApiKey(deps, elsewhere.org.id, ["claims:read"]);

    await expect(listClaimSubmissions(deps, viewer, claimId, { limit: 20 })).rejects.toMatchObject({ code: "forbidden" });
    for (const stranger of [participant(deps), elsewhere.owner, otherKey]) {
      await expect(listClaimSubmissions(deps, stranger, claimId, { limit: 20 })).rejects.toMatchObject({ code: "not_found" });
    }
    await expect(listClaimSubmissions(deps, elsewhere.owner, "clm_0000000000000099", { limit: 20 })).rejects.toMatchObject({ code: "not_found" });
  });
});
