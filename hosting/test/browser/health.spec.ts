// The smoke test of the site as served by the Hosting emulator: the app's pages load through the
// SPA fallback, their scripts run, and the rewrites to the health and openapi functions answer
// through Hosting.
import { eventually, expect, test } from "./support/fixtures.js";

test("the health page shows the platform as healthy @phone", async ({ page }) => {
  await page.goto("/health");
  await expect(page.getByRole("heading", { name: "Platform health", level: 1 })).toBeVisible();
  // The first /v1/health may boot a function worker, and answers from a check up to 10 s old.
  await expect(page.getByTestId("health-status")).toHaveText("ok", eventually);
  await expect(page.getByTestId("health-status")).toHaveClass(/\bok\b/);
});

test("the footer links to health and the API reference from every page", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Platform" }).getByRole("link", { name: "Health" }).click();
  await expect(page.getByRole("heading", { name: "Platform health", level: 1 })).toBeVisible();
  await page.getByRole("navigation", { name: "Platform" }).getByRole("link", { name: "API reference" }).click();
  await expect(page.getByRole("heading", { name: "User-X API v1", level: 1 })).toBeVisible();
});

test("/docs renders the API reference from the OpenAPI document", async ({ page }) => {
  await page.goto("/docs");
  await expect(page.getByRole("heading", { name: "User-X API v1", level: 1 })).toBeVisible();
  const submission = page.locator("details#createSubmission");
  await expect(submission, "rendered from /v1/openapi.json").toBeAttached(eventually);
  await expect(page.locator("#intro")).not.toContainText("Loading");
  await expect(page.getByRole("heading", { name: "Schemas", level: 2 })).toBeVisible();

  await submission.locator("summary").click();
  await expect(submission.locator("summary")).toContainText("POST");
  await expect(submission.locator("summary")).toContainText("/v1/claims/{claimId}/submissions");
  await expect(submission.getByText(/^Auth: /)).toBeVisible();
});
