// Targeting from both sides: the console sets who may claim a draft; a participant outside it sees
// why they cannot claim (the Claim button disabled), fills in their profile from the link the
// reasons give, and can then claim.
import { expect, test } from "./support/fixtures.js";
import { demoOpportunityWith, signInThroughForm } from "./support/pages.js";

test("a participant sees why they cannot claim, completes their profile, and claims", async ({ page, owner, ownerApi, participant }) => {
  const title = `Targeted ${Date.now()}`;
  const opportunityId = await demoOpportunityWith(ownerApi, { title, draft: true });

  // The console: targeting set on the draft, then published.
  await signInThroughForm(page, owner, `/console/opportunities/${opportunityId}`);
  const targeting = page.getByRole("form", { name: "Targeting" });
  await targeting.getByLabel("Countries").selectOption(["FR", "BE"]);
  await targeting.getByLabel("Minimum age").fill("18");
  await targeting.getByLabel("Maximum age").fill("65");
  await targeting.getByLabel("Languages (a participant needs one of them)").selectOption(["fr"]);
  await targeting.getByRole("button", { name: "Add a demographic condition" }).click();
  await targeting.getByLabel("Demographic question 1").fill("employment");
  await targeting.getByLabel("Answers that qualify (comma separated)").fill("student, employed");
  await targeting.getByRole("button", { name: "Save targeting" }).click();
  await expect(targeting.getByRole("status")).toHaveText("Targeting saved.");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("opportunity-status")).toHaveText("active");
  await expect(page.getByTestId("targeting-summary").getByRole("listitem")).toHaveText([/^In .*Belgium/, "Aged 18 to 65", "Speaking French", 'Answered "employment" with "student" or "employed"']);
  await page.getByRole("button", { name: "Sign out" }).click();

  // A participant with an empty profile: the marketplace hides it unless asked, its page says why.
  await signInThroughForm(page, participant);
  await expect(page.getByRole("list", { name: "Opportunities" })).toBeVisible();
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);
  await page.getByLabel("Include opportunities I cannot claim").check();
  await page.getByRole("link", { name: title }).click();
  const reasons = page.getByTestId("eligibility");
  await expect(reasons).toContainText("You cannot claim this opportunity");
  await expect(reasons.getByRole("listitem")).toHaveText([/your country/, /your birth date/, /the languages you speak/, /"employment"/]);
  await expect(page.getByRole("button", { name: "Claim" })).toBeDisabled();

  // The profile, reached from the reasons with the demographic question already asked.
  await reasons.getByRole("link", { name: "Complete your profile" }).click();
  await expect(page.getByRole("heading", { name: "Your profile", level: 1 })).toBeVisible();
  const profile = page.getByRole("form", { name: "Your profile" });
  await expect(profile.getByLabel("Question")).toHaveValue("employment");
  await profile.getByLabel("Your answer").fill("student");
  await profile.getByLabel("Country").selectOption("BE");
  await profile.getByLabel("Birth date").fill("1999-02-28");
  await profile.getByLabel("Languages you speak").selectOption(["nl", "fr"]);
  await profile.getByLabel("Language of your emails").selectOption("de");
  await profile.getByRole("button", { name: "Save profile" }).click();
  await expect(profile.getByRole("status")).toHaveText("Saved.");

  // Kept: a reload shows what was saved.
  await page.reload();
  await expect(profile.getByLabel("Country")).toHaveValue("BE");
  await expect(profile.getByLabel("Birth date")).toHaveValue("1999-02-28");
  await expect(profile.getByLabel("Language of your emails")).toHaveValue("de");

  // Now eligible: no reasons, the Claim button works.
  await page.getByRole("link", { name: "Opportunities", exact: true }).click();
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expect(page.getByTestId("eligibility")).toHaveCount(0);
  await page.getByRole("button", { name: "Claim" }).click();
  await expect(page).toHaveURL(/\/claims\/clm_/);
});

test("the profile refuses a birth date in the future and keeps what was there", async ({ page, participant }) => {
  await signInThroughForm(page, participant, "/profile");
  await page.getByRole("link", { name: "My profile" }).click();
  const profile = page.getByRole("form", { name: "Your profile" });
  await profile.getByLabel("Birth date").fill("2999-01-01");
  await profile.getByRole("button", { name: "Save profile" }).click();
  await expect(profile.getByRole("alert")).toContainText("Your profile could not be saved");
  await expect(profile.getByText("the birth date is in the future").first()).toBeVisible();
  await page.reload();
  await expect(profile.getByLabel("Birth date")).toHaveValue("");
});
