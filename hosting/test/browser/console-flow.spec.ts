// The organization member's main path through the console: build an opportunity with every
// question type, publish it, and register a webhook endpoint whose secret is shown once.
import { expect, test } from "./support/fixtures.js";
import { signInThroughForm } from "./support/pages.js";

test("the owner builds and publishes an opportunity and adds a webhook endpoint", async ({ page, owner }) => {
  await signInThroughForm(page, owner, "/console");
  await expect(page.getByRole("heading", { name: "Organization console", level: 1 })).toBeVisible();
  await expect(page.getByTestId("own-user-id")).toHaveText(/^\S+$/);

  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Opportunities" }).click();
  await page.getByRole("link", { name: "New opportunity" }).click();
  const title = `Rate our blend ${Date.now()}`;
  await page.getByLabel("Opportunity title").fill(title);
  await page.getByLabel("Points", { exact: true }).fill("25");
  await page.getByLabel("Capacity (participants)").fill("10");
  const task = page.getByRole("group", { name: "Task 1: survey" });
  await task.getByLabel("Task title").fill("The blend");
  const types = ["text", "number", "single_choice", "multiple_choice", "rating"];
  for (const [index, type] of types.entries()) {
    if (index > 0) await task.getByRole("button", { name: "Add question" }).click();
    const question = task.getByRole("group", { name: `Question ${index + 1}`, exact: true });
    await question.getByLabel("Question type").selectOption(type);
    await question.getByLabel("Prompt").fill(`About ${type}`);
    if (type.endsWith("choice")) {
      await question.getByLabel("Choice 1").fill("Yes");
      await question.getByLabel("Choice 2").fill("No");
    }
  }
  await page.getByRole("button", { name: "Create opportunity" }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
  await expect(page.getByTestId("opportunity-status")).toHaveText("draft");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByTestId("opportunity-status")).toHaveText("active");

  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Webhooks" }).click();
  await page.getByLabel("Endpoint URL").fill("http://127.0.0.1:9999/hooks");
  await page.getByRole("checkbox", { name: "claim.completed.v1" }).check();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByText("you will not see it again")).toBeVisible();
  await expect(page.getByText(/^whsec_/)).toBeVisible();
  await page.getByRole("button", { name: "I have stored it" }).click();
  await expect(page.getByText(/^whsec_/)).toHaveCount(0);
});
