// A claim's deadline in a real browser: the participant's page counts the time left down every
// second; once the deadline passes, the claim expires through its Cloud Task and the page says
// so, keeping the list of what was submitted; the console lists the claim as expired.
import { expect, test } from "./support/fixtures.js";
import { demoOpportunityWith, signInThroughForm } from "./support/pages.js";

test("a claim's countdown ticks, then the claim expires: the page says its place went to someone else, and the console shows it expired", async ({
  page,
  browser,
  participant,
  owner,
  ownerApi,
  demoOpportunity,
}) => {
  // The wait for the deadline itself (some 40 s) comes on top of the usual steps.
  test.setTimeout(150_000);
  await signInThroughForm(page, participant);
  // Before the clock starts, the pages it runs against are loaded once: a function's first call
  // can take seconds on a busy machine, and the claim must be taken before its 40 seconds are up.
  await page.goto("/claims");
  await expect(page.getByRole("heading", { name: "My claims", level: 1 })).toBeVisible();
  await page.goto(`/opportunities/${demoOpportunity.id}`);
  await expect(page.getByRole("button", { name: "Claim" })).toBeVisible();
  // A claim's deadline never passes its opportunity's expiry: this one gives the claim 40 seconds.
  const opportunityId = await demoOpportunityWith(ownerApi, { title: `Forty seconds ${Date.now()}`, taskIds: ["aroma", "taste"], expiresAt: new Date(Date.now() + 40_000).toISOString() });
  await page.goto(`/opportunities/${opportunityId}`);
  await page.getByRole("button", { name: "Claim" }).click();

  const timeLeft = page.getByRole("timer");
  await expect(timeLeft).toHaveText(/^\d+ sec left$/);
  const shownFirst = (await timeLeft.textContent()) ?? "";
  await expect(timeLeft).not.toHaveText(shownFirst);
  await expect(page.getByRole("heading", { name: "Your submissions" })).toBeVisible();
  await expect(page.getByText("Nothing submitted yet.")).toBeVisible();

  await page.getByRole("radio", { name: "3" }).check();
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByTestId("claim-progress")).toHaveText("1 of 2 tasks done");
  await expect(page.getByRole("list", { name: "Submissions for Aroma" }).getByTestId("submission")).toContainText("approved");

  const expired = page.getByText("this claim expired, and its place went to someone else");
  await expect(expired).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole("timer")).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Taste" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Withdraw" })).toHaveCount(0);
  await expect(page.getByRole("list", { name: "Submissions for Aroma" }).getByTestId("submission")).toContainText("approved");
  await page.reload();
  await expect(expired).toBeVisible();

  const console = await browser.newPage();
  await signInThroughForm(console, owner, `/console/opportunities/${opportunityId}`);
  // The opportunity is new: its one claim is the participant's.
  const claims = console.getByRole("table").getByRole("row");
  await expect(claims).toHaveCount(2);
  await expect(claims.nth(1).getByText("expired", { exact: true })).toBeVisible();
  await console.close();
});
