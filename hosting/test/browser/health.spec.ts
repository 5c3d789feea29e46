// The smoke test of the site as served by the Hosting emulator: the static pages load, their
// scripts run, and the rewrites to the health and openapi functions answer through Hosting.
// When the web app replaces the home page, its health badge (or this test) moves with it.
import { eventually, expect, test } from "./support/fixtures.js";

test("the home page shows the platform as healthy @phone", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "User-X", level: 1 })).toBeVisible();
  // The first /v1/health may boot a function worker, and answers from a check up to 10 s old.
  const badge = page.locator("#overall");
  await expect(badge).toHaveText("ok", eventually);
  await expect(badge).toHaveClass(/\bok\b/);
  await expect(page.locator("#checked-at")).not.toHaveText("—");
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
