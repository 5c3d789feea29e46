// The console's opportunity editor and lifecycle: edit a draft, publish, widen a running
// campaign, pause, resume, complete, archive; and delete a draft. Only the moves the domain's
// transition table allows are offered at each step.
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test, type Account } from "./support/fixtures.js";

async function draftOf(ownerApi: APIRequestContext, title: string): Promise<string> {
  const organizations = (await (await ownerApi.get("/v1/organizations")).json()) as { data: Array<{ id: string; name: string }> };
  const orgId = organizations.data.find((org) => org.name === "Demo Org")!.id;
  const created = await ownerApi.post("/v1/opportunities", {
    data: {
      orgId,
      title,
      tasks: [{ id: "taste", type: "survey", title: "Taste", questions: [{ id: "like", type: "rating", prompt: "How much do you like it?", scale: 5 }] }],
      reward: { type: "points", value: 10 },
      capacity: 5,
    },
  });
  expect(created.status()).toBe(201);
  return ((await created.json()) as { id: string }).id;
}

async function signInToConsole(page: Page, owner: Account, path: string): Promise<void> {
  await page.goto(path);
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("an opportunity is edited, published, widened and taken through its lifecycle", async ({ page, owner, ownerApi }) => {
  const opportunityId = await draftOf(ownerApi, `Editor draft ${Date.now()}`);
  await signInToConsole(page, owner, `/console/opportunities/${opportunityId}`);
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
  const opportunityId = await draftOf(ownerApi, title);
  await signInToConsole(page, owner, `/console/opportunities/${opportunityId}`);
  await expect(page.getByTestId("opportunity-status")).toHaveText("draft");
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("group", { name: "Lifecycle" }).getByRole("button", { name: "Delete draft" }).click();
  await expect(page).toHaveURL(/\/console\/opportunities$/);
  await expect(page.getByRole("heading", { name: "Opportunities", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);
  expect((await ownerApi.get(`/v1/opportunities/${opportunityId}`)).status()).toBe(404);
});
