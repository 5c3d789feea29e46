// The console's sign-in providers in a real browser: the demo owner signs in with a password
// only, so trusting an issuer is refused with the step-up problem, shown as the API words it,
// and nothing is added. (The web app's sign-in has no second factor yet: see README, "Step-up".)
import { expect, test } from "./support/fixtures.js";
import { signInThroughForm } from "./support/pages.js";

test("an owner without a second factor is told to step up before trusting an issuer, and nothing is added", async ({ page, owner }) => {
  await signInThroughForm(page, { email: owner.email, password: owner.password });
  await page.goto("/console/sign-in-providers");
  await page.getByLabel("Organization").selectOption({ label: "Demo Org" });
  await expect(page.getByText("No sign-in provider yet")).toBeVisible();

  await page.getByLabel(/Issuer URL/).fill("http://127.0.0.1:8099");
  await page.getByLabel(/Audience/).fill("userx-local");
  await page.getByRole("button", { name: "Trust issuer" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("The issuer could not be trusted");
  await expect(alert).toContainText("second factor");
  await expect(page.getByText("No sign-in provider yet")).toBeVisible();
});
