// An opportunity's budget in a real browser: the console shows what claims commit; once the
// budget pays for no more claims, a participant is told so and cannot claim, though places are left.
import { expect, test } from "./support/fixtures.js";
import { demoOpportunityWith, signInThroughForm } from "./support/pages.js";

test("the console shows an opportunity's budget, and a participant cannot claim once it is committed", async ({ page, participant, owner, ownerApi }) => {
  // 5 points a claim (the helper's reward) and a budget of 5: one claim, of five places.
  const opportunityId = await demoOpportunityWith(ownerApi, { title: `Budgeted ${Date.now()}`, capacity: 5, fields: { budget: 5 } });
  await signInThroughForm(page, owner, `/console/opportunities/${opportunityId}`);
  const figures = page.getByTestId("budget-figures");
  await expect(figures).toContainText("Limit5 points");
  await expect(figures).toContainText("Committed0 points");

  // Someone takes the one claim the budget pays for.
  expect((await ownerApi.post("/v1/claims", { data: { opportunityId } })).status()).toBe(201);
  await page.reload();
  await expect(figures).toContainText("Committed5 points");
  await expect(figures).toContainText("Remaining0 points");

  const participantPage = await page.context().browser()!.newPage();
  await signInThroughForm(participantPage, participant);
  await participantPage.goto(`/opportunities/${opportunityId}`);
  await expect(participantPage.getByText("Its budget pays for no more claims.")).toBeVisible();
  await expect(participantPage.getByRole("button", { name: "Claim", exact: true })).toBeDisabled();
  await participantPage.close();
});
