// An API key's life in the console, in a real browser: created for one network with an expiry,
// shown once; rotated (the new key shown once, the old one working beside it for a day); revoked,
// after which the API refuses it. The keys are checked against the real API, through Hosting.
// Each step is then found in the organization's audit log, which verifies as intact.
import { expect, test } from "./support/fixtures.js";
import { signInThroughForm } from "./support/pages.js";

test("an owner creates a key for one network, rotates it and revokes it; the API follows each step", async ({ page, owner, playwright, baseURL }) => {
  await signInThroughForm(page, { email: owner.email, password: owner.password });
  await page.goto("/console/api-keys");
  await page.getByLabel("Organization").selectOption({ label: "Demo Org" });
  const name = `Office ${Date.now()}`;
  await page.getByLabel("Key name").fill(name);
  await page.getByLabel(/Allowed addresses/).fill("127.0.0.0/8\n::1/128");
  await page.getByLabel(/Expires on/).fill("2099-12-31");
  await page.getByRole("button", { name: "Create API key" }).click();
  const first = (await page.locator(".secret-value code").textContent())!;
  expect(first).toMatch(/^uxk_/);
  await page.getByRole("button", { name: "I have stored it" }).click();

  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("127.0.0.0/8, ::1/128");
  await expect(row).toContainText("active");
  await expect(row).toContainText("until");

  const asKey = (key: string) => playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${key}` } });
  const orgs = await (await asKey(first)).get("/v1/opportunities?orgId=x");
  // The key authenticates (an unknown organization is a validation matter, not a credential one).
  expect(orgs.status()).not.toBe(401);

  await row.getByRole("button", { name: "Rotate" }).click();
  const second = (await page.locator(".secret-value code").textContent())!;
  expect(second).not.toBe(first);
  await page.getByRole("button", { name: "I have stored it" }).click();
  await expect(row).toContainText("the replaced key works until");
  for (const key of [first, second]) expect((await (await asKey(key)).get("/v1/opportunities?orgId=x")).status()).not.toBe(401);

  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("revoked");
  await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);
  for (const key of [first, second]) expect((await (await asKey(key)).get("/v1/opportunities?orgId=x")).status()).toBe(401);

  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Audit log" }).click();
  const log = page.getByRole("table", { name: "Audit log" });
  for (const action of ["api_key.created", "api_key.rotated", "api_key.revoked"]) await expect(log).toContainText(action);
  await page.getByRole("button", { name: "Verify the log" }).click();
  await expect(page.getByTestId("audit-verification")).toContainText("intact");
});
