// The participant's main path through the web app: sign up, browse, claim, answer the survey
// (checked in the page as the API checks it), and see the points arrive from the subscriber.
import { eventually, expect, test } from "./support/fixtures.js";
import { demoOpportunityWith, signInThroughForm } from "./support/pages.js";

test("a participant signs up, claims, completes the survey and is rewarded @phone", async ({ page, uniqueEmail, demoOpportunity }) => {
  const email = uniqueEmail();
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Opportunities", level: 1 })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link").first()).toBeVisible();

  await page.getByRole("link", { name: "Sign up" }).click();
  await page.getByLabel("Display name").fill("Ada Browser");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("participant-password");
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByTestId("signed-in-email")).toHaveText(email);

  // On a fresh `npm start` the demo opportunity is the first in the list; after the other tiers
  // it is pages down, so the spec opens it by its address, as a shared link would.
  await page.goto(`/opportunities/${demoOpportunity.id}`);
  await expect(page.getByRole("heading", { name: demoOpportunity.title, level: 1 })).toBeVisible();
  await expect(page.getByTestId("places-left")).toContainText("places left");
  await page.getByRole("button", { name: "Claim" }).click();
  await expect(page.getByTestId("claim-progress")).toHaveText("0 of 1 tasks done");

  // Refused in the page, next to each field, before anything is sent.
  await page.getByLabel(/How many cups a day/).fill("50");
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByText("at most 20")).toBeVisible();
  await expect(page.getByLabel(/How many cups a day/)).toBeFocused();

  await page.getByLabel(/How many cups a day/).fill("3");
  await page.getByRole("radio", { name: "Medium" }).check();
  await page.getByRole("radio", { name: "4" }).check();
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByText("Claim complete")).toBeVisible();
  await expect(page.getByTestId("claim-progress")).toHaveText("1 of 1 tasks done");
  await expect(page.getByText("Reward issued: 50 points.")).toBeVisible(eventually);
  await expect(page.getByTestId("points-balance")).toHaveText("50", eventually);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My rewards" }).click();
  await expect(page.getByRole("heading", { name: "My rewards", level: 1 })).toBeVisible();
  await expect(page.getByTestId("points-balance")).toHaveText("50");
});

test("a problem from the API shows its request id", async ({ page, participant }) => {
  await signInThroughForm(page, participant);
  await page.goto("/claims/clm_0000000000000000");
  await expect(page.getByRole("alert")).toBeVisible();
  await expect(page.getByTestId("request-id")).not.toBeEmpty();
});

test("a claim of several tasks picks up where it was left after a reload", async ({ page, participant, ownerApi }) => {
  const opportunityId = await demoOpportunityWith(ownerApi, { title: `Two steps ${Date.now()}`, taskIds: ["aroma", "taste"] });

  await signInThroughForm(page, participant);
  await page.goto(`/opportunities/${opportunityId}`);
  await page.getByRole("button", { name: "Claim" }).click();
  await page.getByRole("radio", { name: "3" }).check();
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByTestId("claim-progress")).toHaveText("1 of 2 tasks done");

  await page.reload();
  await expect(page.getByTestId("claim-progress")).toHaveText("1 of 2 tasks done");
  await expect(page.getByRole("form", { name: "Aroma" })).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Taste" })).toBeVisible();
});

test("a participant withdraws a claim and its place goes back", async ({ page, participant, ownerApi }) => {
  const opportunityId = await demoOpportunityWith(ownerApi, { title: `One place ${Date.now()}`, capacity: 1 });

  await signInThroughForm(page, participant);
  await page.goto(`/opportunities/${opportunityId}`);
  await expect(page.getByTestId("places-left")).toHaveText("1 of 1 places left");
  await page.getByRole("button", { name: "Claim" }).click();
  await expect(page.getByTestId("claim-progress")).toHaveText("0 of 1 tasks done");

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Withdraw" }).click();
  await expect(page.getByText("You withdrew from this opportunity")).toBeVisible();
  await expect(page.getByRole("button", { name: "Submit answers" })).toHaveCount(0);
  await page.goto(`/opportunities/${opportunityId}`);
  await expect(page.getByTestId("places-left")).toHaveText("1 of 1 places left");
});
