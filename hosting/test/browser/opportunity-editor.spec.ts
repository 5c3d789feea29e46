// The console's opportunity editor and lifecycle: edit a draft, publish, widen a running
// campaign, pause, resume, complete, archive; and delete a draft. Only the moves the domain's
// transition table allows are offered at each step.
import { expect, test } from "./support/fixtures.js";
import { demoOpportunityWith, signInThroughForm } from "./support/pages.js";

test("an opportunity is edited, published, widened and taken through its lifecycle", async ({ page, owner, ownerApi }) => {
  const opportunityId = await demoOpportunityWith(ownerApi, { title: `Editor draft ${Date.now()}`, draft: true });
  await signInThroughForm(page, owner, `/console/opportunities/${opportunityId}`);
  const status = page.getByTestId("opportunity-status");
  const lifecycle = page.getByRole("group", { name: "Lifecycle" });
  await expect(status).toHaveText("draft");
  await expect(lifecycle.getByRole("button")).toHaveText(["Delete draft"]);

  const edit = page.getByRole("form", { name: "Edit" });
  const title = `Edited draft ${Date.now()}`;
  await edit.getByLabel("Title").fill(title);
  await edit.getByLabel("Places").fill("8");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expect(page.getByText("of 8 places left")).toBeVisible();

  await page.getByRole("button", { name: "Publish" }).click();
  await expect(status).toHaveText("active");
  // Running: the title is fixed; the description, the end and the places may still grow.
  await expect(edit.getByLabel("Title")).toHaveCount(0);
  await edit.getByLabel("Description").fill("Now with a description.");
  await edit.getByLabel("Places").fill("12");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("of 12 places left")).toBeVisible();
  await expect(page.getByText("Now with a description.").first()).toBeVisible();

  await expect(lifecycle.getByRole("button")).toHaveText(["Pause", "Complete"]);
  await lifecycle.getByRole("button", { name: "Pause" }).click();
  await expect(status).toHaveText("paused");
  await expect(lifecycle.getByRole("button")).toHaveText(["Resume", "Complete"]);
  // Participants see why they cannot claim it.
  await page.goto(`/opportunities/${opportunityId}`);
  await expect(page.getByText("Paused by its organization")).toBeVisible();
  await expect(page.getByRole("button", { name: "Claim" })).toBeDisabled();
  await page.goto(`/console/opportunities/${opportunityId}`);
  await lifecycle.getByRole("button", { name: "Resume" }).click();
  await expect(status).toHaveText("active");

  page.once("dialog", (dialog) => void dialog.accept());
  await lifecycle.getByRole("button", { name: "Complete" }).click();
  await expect(status).toHaveText("completed");
  await expect(edit).toHaveCount(0);
  await lifecycle.getByRole("button", { name: "Archive" }).click();
  await expect(status).toHaveText("archived");
  await expect(lifecycle).toHaveCount(0);
});

test("a draft is deleted from the console and leaves the list", async ({ page, owner, ownerApi }) => {
  const title = `Draft to delete ${Date.now()}`;
  const opportunityId = await demoOpportunityWith(ownerApi, { title, draft: true });
  await signInThroughForm(page, owner, `/console/opportunities/${opportunityId}`);
  await expect(page.getByTestId("opportunity-status")).toHaveText("draft");
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("group", { name: "Lifecycle" }).getByRole("button", { name: "Delete draft" }).click();
  await expect(page).toHaveURL(/\/console\/opportunities$/);
  await expect(page.getByRole("heading", { name: "Opportunities", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);
  expect((await ownerApi.get(`/v1/opportunities/${opportunityId}`)).status()).toBe(404);
});
