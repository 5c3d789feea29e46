// The console's review queue: a reviewer opens a submission beside its checks and the
// participant's history, approves it, and rejects another in bulk with a reason; each
// participant's claim follows the decision.
import type { APIRequestContext } from "@playwright/test";
import { signUp } from "./support/auth-emulator.js";
import { expect, test } from "./support/fixtures.js";
import { demoOpportunityWith, demoOrgIdOf, signInThroughForm } from "./support/pages.js";

/** A new participant's submission to the opportunity's `aroma` task, rated `rating`; their claim's id. */
async function submittedWork(request: APIRequestContext, opportunityId: string, email: string, rating: number): Promise<string> {
  const { idToken } = await signUp(email, "participant-password");
  const headers = { authorization: `Bearer ${idToken}` };
  const claim = await request.post("/v1/claims", { headers, data: { opportunityId } });
  expect(claim.status()).toBe(201);
  const { id } = (await claim.json()) as { id: string };
  const submission = await request.post(`/v1/claims/${id}/submissions`, { headers, data: { taskId: "aroma", answers: { aroma: rating } } });
  expect(submission.status()).toBe(201);
  return id;
}

test("a reviewer approves one submission and rejects another in bulk", async ({ page, owner, ownerApi, request, uniqueEmail }) => {
  const title = `Manual review ${Date.now()}`;
  const opportunityId = await demoOpportunityWith(ownerApi, { title, draft: true });
  await signInThroughForm(page, owner, `/console/opportunities/${opportunityId}`);
  const settings = page.getByRole("form", { name: "Review" });
  await settings.getByLabel(/^Manual/).check();
  await settings.getByLabel("Attempts per task").fill("2");
  await settings.getByRole("button", { name: "Save review settings" }).click();
  await expect(settings.getByText("Review settings saved.")).toBeVisible();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("a reviewer decides every submission; the checks only advise. Up to 2 attempts per task")).toBeVisible();

  const approvedClaim = await submittedWork(request, opportunityId, uniqueEmail(), 4);
  const rejectedClaim = await submittedWork(request, opportunityId, uniqueEmail(), 1);
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Reviews" }).click();
  await page.getByLabel("Opportunity").selectOption({ label: title });
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(3);

  // The oldest first: opened, it shows the answer to the question, its checks and the history.
  await rows.nth(1).getByRole("button").click();
  const opened = page.getByTestId("open-submission");
  await expect(opened.getByText("How do you rate the aroma?")).toBeVisible();
  await expect(opened.getByRole("definition")).toHaveText("4");
  await expect(opened.getByText("answers match questions")).toBeVisible();
  await expect(page.getByTestId("participant-history")).toContainText("No decided work");
  await opened.getByLabel("Note to the participant").fill("Thank you!");
  await opened.getByRole("button", { name: "Approve" }).click();
  await expect(rows).toHaveCount(2);

  await rows.nth(1).getByRole("checkbox").check();
  await page.getByRole("group", { name: "Decide the selected submissions" }).getByRole("combobox").selectOption({ label: "Low quality" });
  await page.getByRole("button", { name: "Reject selected" }).click();
  await expect(page.getByText("Nothing awaits review.")).toBeVisible();

  const claims = (await (await ownerApi.get(`/v1/opportunities/${opportunityId}/claims`)).json()) as { data: Array<{ id: string; status: string }> };
  expect(claims.data.find((c) => c.id === approvedClaim)?.status).toBe("completed");
  const orgId = await demoOrgIdOf(ownerApi);
  const rejected = (await (await ownerApi.get(`/v1/submissions?orgId=${orgId}&status=rejected&opportunityId=${opportunityId}`)).json()) as {
    data: Array<{ claimId: string; review: { reasonCode: string } }>;
  };
  expect(rejected.data).toMatchObject([{ claimId: rejectedClaim, review: { reasonCode: "low_quality" } }]);
});
