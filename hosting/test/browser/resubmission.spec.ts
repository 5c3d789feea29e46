// A participant's side of review: work waits for a reviewer, a rejection says why and how many
// attempts are left, the task is submitted again and approved; and a social task's proof.
import type { APIRequestContext } from "@playwright/test";
import { eventually, expect, test } from "./support/fixtures.js";
import { demoOpportunityWith, demoOrgIdOf, signInThroughForm } from "./support/pages.js";

/** The one submission of the opportunity awaiting review, as the owner sees it. */
async function awaitingReview(ownerApi: APIRequestContext, opportunityId: string): Promise<string> {
  const orgId = await demoOrgIdOf(ownerApi);
  let found: string | undefined;
  await expect(async () => {
    const queue = (await (await ownerApi.get(`/v1/submissions?orgId=${orgId}&opportunityId=${opportunityId}`)).json()) as { data: Array<{ id: string }> };
    found = queue.data[0]?.id;
    expect(found).toBeDefined();
  }).toPass();
  return found!;
}

test("a rejected task shows the reviewer's reason and is submitted again", async ({ page, participant, ownerApi }) => {
  const opportunityId = await demoOpportunityWith(ownerApi, { title: `Reviewed ${Date.now()}`, fields: { reviewPolicy: "manual", maxAttempts: 2 } });
  await signInThroughForm(page, participant);
  await page.goto(`/opportunities/${opportunityId}`);
  await page.getByRole("button", { name: "Claim" }).click();
  await page.getByRole("radio", { name: "2" }).check();
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByText("Submitted: waiting for a reviewer.")).toBeVisible();

  const first = await awaitingReview(ownerApi, opportunityId);
  expect((await ownerApi.post(`/v1/submissions/${first}/reject`, { data: { reasonCode: "low_quality", note: "Tell us more next time" } })).status()).toBe(200);
  await page.reload();
  const note = page.getByTestId("rejection-note");
  await expect(note).toContainText("Your attempt 1 was not accepted: Low quality.");
  await expect(note).toContainText("Tell us more next time");
  await expect(note).toContainText("1 attempt left");

  await page.getByRole("radio", { name: "5" }).check();
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByText("Submitted: waiting for a reviewer.")).toBeVisible();
  const second = await awaitingReview(ownerApi, opportunityId);
  expect((await ownerApi.post(`/v1/submissions/${second}/approve`, { data: {} })).status()).toBe(200);
  await page.reload();
  await expect(page.getByText("Claim complete")).toBeVisible();
  await expect(page.getByText("Reward issued: 5 points.")).toBeVisible(eventually);
});

test("a social task takes the post's link and text, and says what was not accepted @phone", async ({ page, participant, ownerApi }) => {
  const post = { id: "post", type: "social", title: "Post about us", platform: "instagram", action: "post", target: "@acme", proof: { url: true, mustInclude: ["#acmecoffee"] } };
  const opportunityId = await demoOpportunityWith(ownerApi, { title: `Social ${Date.now()}`, fields: { tasks: [post] } });
  await signInThroughForm(page, participant);
  await page.goto(`/opportunities/${opportunityId}`);
  await expect(page.getByText("Post about @acme on Instagram")).toBeVisible();
  await page.getByRole("button", { name: "Claim" }).click();

  await page.getByLabel("Link to your post").fill("https://example.com/p/1");
  await page.getByLabel("What you wrote").fill("Lovely #acmecoffee");
  await page.getByRole("button", { name: "Submit proof" }).click();
  const note = page.getByTestId("rejection-note");
  await expect(note).toContainText("It did not pass the automatic checks");
  await expect(note).toContainText("expected an https URL on instagram.com");
  await expect(note).toContainText("2 attempts left");

  await page.getByLabel("Link to your post").fill("https://www.instagram.com/p/Cx1/");
  await page.getByLabel("What you wrote").fill("Lovely #acmecoffee");
  await page.getByRole("button", { name: "Submit proof" }).click();
  await expect(page.getByText("Claim complete")).toBeVisible();
});
