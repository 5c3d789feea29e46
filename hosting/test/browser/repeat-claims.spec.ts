// Repeat claims in a real browser: a participant completes a claim, is told when they may claim
// again, claims again once the organization shortens the wait in the console, and is told when
// every claim the opportunity allows is made.
import { expect, test } from "./support/fixtures.js";
import { demoOpportunityWith, signInThroughForm } from "./support/pages.js";

test("a participant claims an opportunity again after its cooldown, up to its limit", async ({ page, browser, participant, owner, ownerApi }) => {
  const opportunityId = await demoOpportunityWith(ownerApi, { title: `Weekly tasting ${Date.now()}`, fields: { maxClaimsPerUser: 2, claimCooldownMinutes: 60 } });
  await signInThroughForm(page, participant);
  await page.goto(`/opportunities/${opportunityId}`);
  await expect(page.getByTestId("repeat-rule")).toHaveText("You may claim it up to 2 times, one at a time, 1 hour after each ends.");

  const completeClaim = async (button: string) => {
    await page.getByRole("button", { name: button, exact: true }).click();
    await page.getByRole("radio", { name: "3" }).check();
    await page.getByRole("button", { name: "Submit answers" }).click();
    await expect(page.getByTestId("claim-progress")).toHaveText("1 of 1 tasks done");
    await page.goto(`/opportunities/${opportunityId}`);
  };
  await completeClaim("Claim");

  await expect(page.getByTestId("previous-claim")).toContainText("You can claim it again from");
  await expect(page.getByTestId("previous-claim")).toContainText("(1 of 2) is completed");
  await expect(page.getByRole("button", { name: "Claim again" })).toBeDisabled();

  // The organization shortens the wait while the opportunity runs.
  const console = await browser.newPage();
  await signInThroughForm(console, owner, `/console/opportunities/${opportunityId}`);
  const edit = console.getByRole("form", { name: "Edit" });
  await expect(edit.getByLabel("Claims per participant")).toHaveValue("2");
  await edit.getByLabel("Wait between claims (minutes)").fill("0");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(edit.getByText("Saved.")).toBeVisible();
  await console.close();

  await page.reload();
  await expect(page.getByRole("button", { name: "Claim again" })).toBeEnabled();
  await completeClaim("Claim again");

  await expect(page.getByTestId("claim-limit-reached")).toHaveText("You have claimed this opportunity all 2 times it allows. See your last claim");
  await expect(page.getByRole("button", { name: /Claim/ })).toHaveCount(0);
  // Both claims are the participant's, each completed.
  await page.goto("/claims");
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(3);
  await expect(rows.getByText("completed", { exact: true })).toHaveCount(2);
});
