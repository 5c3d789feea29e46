// The organization's monthly budgets in a real browser: the console sets a limit in a currency and
// shows the month's standing per unit, as the API answers it.
import { expect, test } from "./support/fixtures.js";
import { demoOrgIdOf, signInThroughForm } from "./support/pages.js";

test("the console sets a monthly limit and shows the month's standing per unit", async ({ page, owner, ownerApi }) => {
  await signInThroughForm(page, owner, "/console/budgets");
  await expect(page.getByRole("heading", { name: "Monthly budgets" })).toBeVisible();

  // A limit in a currency no other spec's claims are counted in, so it refuses nothing elsewhere.
  const form = page.getByRole("form", { name: "Monthly limits" });
  await form.getByRole("button", { name: "Add a unit" }).click();
  await form.getByLabel("Unit").last().fill("CHF");
  await form.getByLabel("Limit per month").last().fill("2500.50");
  await form.getByRole("button", { name: "Save limits" }).click();
  await expect(form.getByRole("status")).toHaveText("Limits saved.");

  const row = page.getByTestId("monthly-budget-CHF");
  await expect(row).toContainText("CHF 2,500.50");
  await expect(row.getByRole("meter", { name: "CHF committed" })).toBeVisible();
  // What the page shows is what the API stored, in minor units.
  const orgId = await demoOrgIdOf(ownerApi);
  const standing = await (await ownerApi.get(`/v1/organizations/${orgId}/monthly-budgets`)).json();
  expect(standing.budgets).toContainEqual({ unit: "CHF", limit: 250_050, committed: 0, spent: 0, remaining: 250_050 });
});
