// The points wallet: a participant reads their balance and every movement of it, and an owner
// corrects a participant's points in the console with a reason. The points are earned the way
// the product earns them (a claim of a Demo Org opportunity, completed through the API: what this
// spec is not about), so the organization has paid the participant and may adjust them.
import { expect, test } from "./support/fixtures.js";
import { demoOrgIdOf, signInThroughForm } from "./support/pages.js";
import { earnFivePoints } from "./support/points.js";

test("a participant sees their balance and history, an organization's adjustment with its reason included @phone", async ({ page, playwright, baseURL, ownerApi, participant }) => {
  const userId = await earnFivePoints(playwright, baseURL, ownerApi, participant);
  const adjusted = await ownerApi.post(`/v1/organizations/${await demoOrgIdOf(ownerApi)}/points-adjustments`, { data: { userId, points: 10, reason: "sorry for the wait" } });
  expect(adjusted.status()).toBe(201);

  await signInThroughForm(page, participant);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My wallet" }).click();
  await expect(page.getByRole("heading", { name: "My wallet", level: 1 })).toBeVisible();
  await expect(page.getByTestId("points-balance")).toHaveText("15");
  const rows = page.getByRole("table", { name: "Points history" }).getByRole("row");
  // The header, then newest first.
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText("Added by the organization · sorry for the wait");
  await expect(rows.nth(1)).toContainText("+10");
  await expect(rows.nth(1)).toContainText("15");
  await expect(rows.nth(2)).toContainText("Earned");
  await expect(rows.nth(2)).toContainText("+5");
});

test("a new participant's wallet says there are no points yet", async ({ page, participant }) => {
  await signInThroughForm(page, participant);
  await page.goto("/wallet");
  await expect(page.getByTestId("points-balance")).toHaveText("0");
  await expect(page.getByText("No points yet")).toBeVisible();
});

test("an owner debits a participant's points with a reason in the console, and never below zero", async ({ page, playwright, baseURL, ownerApi, owner, participant }) => {
  const userId = await earnFivePoints(playwright, baseURL, ownerApi, participant);

  await signInThroughForm(page, { email: owner.email, password: owner.password });
  await page.goto("/console/points");
  await page.getByLabel("Organization").selectOption({ label: "Demo Org" });
  await page.getByLabel("Participant's user id").fill(userId);
  await page.getByLabel("Points (negative to debit)").fill("-3");
  await page.getByLabel("Reason").fill("one survey answer was a duplicate");
  await page.getByRole("button", { name: "Adjust" }).click();
  await expect(page.getByRole("status")).toContainText(`\u22123 points for ${userId}: their balance is now 2.`);

  await page.getByLabel("Points (negative to debit)").fill("-3");
  await page.getByRole("button", { name: "Adjust" }).click();
  await expect(page.getByRole("alert")).toContainText("the balance is 2 points");
  const balance = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${participant.idToken}` } });
  expect(((await (await balance.get("/v1/rewards/points")).json()) as { points: number }).points).toBe(2);
  await balance.dispose();
});
