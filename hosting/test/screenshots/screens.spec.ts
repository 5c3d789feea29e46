import type { Page } from "@playwright/test";
import { eventually, expect, test } from "../browser/support/fixtures.js";
import { signInThroughForm } from "../browser/support/pages.js";

const shotsDir = new URL("../../../docs/screenshots/", import.meta.url).pathname;
const phone = { width: 390, height: 844 };

async function shoot(page: Page, name: string): Promise<void> {
  // Focus rings and the caret are noise in a picture.
  await page.locator(":focus").evaluate((element) => (element as HTMLElement).blur()).catch(() => undefined);
  await page.screenshot({ path: `${shotsDir}${name}.png`, fullPage: true, animations: "disabled", caret: "hide" });
}


test("the participant's screens", async ({ page, participant, demoOpportunity }) => {
  await signInThroughForm(page, participant);
  await page.goto("/");
  await expect(page.getByRole("link", { name: demoOpportunity.title }).first()).toBeVisible();
  await shoot(page, "participant-opportunities");

  await page.goto(`/opportunities/${demoOpportunity.id}`);
  await expect(page.getByRole("button", { name: "Claim" })).toBeVisible();
  await shoot(page, "participant-opportunity");
  await page.getByRole("button", { name: "Claim" }).click();
  await expect(page.getByTestId("claim-progress")).toHaveText("0 of 1 tasks done");
  await page.setViewportSize(phone);
  await page.getByLabel(/How many cups a day/).fill("3");
  await page.getByRole("radio", { name: "Medium" }).check();
  await page.getByRole("radio", { name: "4" }).check();
  await shoot(page, "participant-survey-phone");
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(page.getByTestId("points-balance")).toHaveText("50", eventually);
  await shoot(page, "participant-claim-complete");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My rewards" }).click();
  await expect(page.getByTestId("points-balance")).toHaveText("50");
  await shoot(page, "participant-rewards");
});

test("the organization console's screens", async ({ page, owner, demoOpportunity }) => {
  await signInThroughForm(page, owner, "/console");
  await expect(page.getByRole("heading", { name: "Organization console", level: 1 })).toBeVisible();
  await shoot(page, "console-overview");
  const consoleNav = page.getByRole("navigation", { name: "Console" });

  await consoleNav.getByRole("link", { name: "Opportunities" }).click();
  await expect(page.getByRole("link", { name: demoOpportunity.title })).toBeVisible();
  await shoot(page, "console-opportunities");

  await page.goto(`/console/opportunities/${demoOpportunity.id}`);
  await expect(page.getByTestId("opportunity-status")).toHaveText("active");
  await shoot(page, "console-opportunity-claims");

  await page.goto("/console/opportunities/new");
  await page.getByLabel("Opportunity title").fill("Rate our new blend");
  await page.getByLabel("Points", { exact: true }).fill("25");
  await page.getByLabel("Capacity (participants)").fill("200");
  const task = page.getByRole("group", { name: "Task 1: survey" });
  await task.getByLabel("Task title").fill("The blend");
  const question = task.getByRole("group", { name: "Question 1", exact: true });
  await question.getByLabel("Question type").selectOption("single_choice");
  await question.getByLabel("Prompt").fill("Would you buy it?");
  await question.getByLabel("Choice 1").fill("Yes");
  await question.getByLabel("Choice 2").fill("No");
  await shoot(page, "console-new-opportunity");

  await consoleNav.getByRole("link", { name: "Webhooks" }).click();
  await page.getByLabel("Endpoint URL").fill("https://hooks.example.com/user-x");
  await page.getByRole("checkbox", { name: "claim.completed.v1" }).check();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByText("you will not see it again")).toBeVisible();
  await shoot(page, "console-webhook-secret-once");
  await page.getByRole("button", { name: "I have stored it" }).click();

  await consoleNav.getByRole("link", { name: "API keys" }).click();
  await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
  await shoot(page, "console-api-keys");

  await consoleNav.getByRole("link", { name: "Members" }).click();
  await expect(page.getByRole("heading", { name: "Members", level: 1 })).toBeVisible();
  await shoot(page, "console-members");
});
