// An organization's webhook endpoint in the console: edit its settings (asymmetric signing shows
// the public key), rotate its secret (shown once, then never again), disable and enable it, and
// delete it after a confirmation.
import { randomUUID } from "node:crypto";
import { expect, test } from "./support/fixtures.js";
import { demoOrgIdOf, signInThroughForm } from "./support/pages.js";

test("the owner edits, rotates, disables, enables and deletes a webhook endpoint", async ({ page, owner, ownerApi }) => {
  const orgId = await demoOrgIdOf(ownerApi);
  const url = `http://127.0.0.1:9999/hooks-${randomUUID().slice(0, 8)}`;
  const created = await ownerApi.post(`/v1/organizations/${orgId}/webhook-endpoints`, { data: { url, eventTypes: ["claim.completed.v1"] } });
  expect(created.status()).toBe(201);
  const endpoint = (await created.json()) as { id: string; secret: string };
  // The console works on Demo Org, where the endpoint is.
  await page.addInitScript((id) => localStorage.setItem("userx.console.orgId", id), orgId);

  await signInThroughForm(page, owner, "/console/webhooks");
  await page.getByRole("link", { name: url }).click();
  await expect(page.getByRole("heading", { name: "Webhook endpoint", level: 1 })).toBeVisible();
  await expect(page.getByTestId("endpoint-status")).toHaveText("enabled");
  await expect(page.getByText("Asymmetric signing is off")).toBeVisible();

  // Edit: description, a custom header, metadata, a rate limit, asymmetric signing on.
  await page.getByLabel("Description").fill("Orders service");
  await page.getByLabel(/^Custom headers/).fill("X-Team: console");
  await page.getByLabel(/^Metadata/).fill("owner=integrations");
  await page.getByLabel(/^Rate limit/).fill("5");
  await page.getByRole("checkbox", { name: "reward.issued.v1" }).check();
  await page.getByRole("checkbox", { name: /^Asymmetric signing/ }).check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(page.getByTestId("public-key")).toHaveText(/^whpk_[A-Za-z0-9+/]{43}=$/);
  await expect(page.getByText("5 messages a second")).toBeVisible();
  const stored = (await (await ownerApi.get(`/v1/organizations/${orgId}/webhook-endpoints/${endpoint.id}`)).json()) as Record<string, unknown>;
  expect(stored).toMatchObject({ description: "Orders service", headers: { "X-Team": "console" }, metadata: { owner: "integrations" }, rateLimitPerSecond: 5, eventTypes: ["claim.completed.v1", "reward.issued.v1"] });

  // A line that is not Name: value is refused in the page, and nothing is sent.
  await page.getByLabel(/^Custom headers/).fill("no separator here");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Custom headers, line 1: write Name: value")).toBeVisible();

  // Rotate: the new secret is shown once, with the day the old one still signs.
  await page.getByRole("button", { name: "Rotate secret" }).click();
  await expect(page.getByText("you will not see it again")).toBeVisible();
  const secret = (await page.locator("section.secret .secret-value code").textContent()) ?? "";
  expect(secret).toMatch(/^whsec_/);
  expect(secret).not.toBe(endpoint.secret);
  await expect(page.getByTestId("rotation-window")).toContainText("still signs too until");
  await page.getByRole("button", { name: "I have stored it" }).click();
  await expect(page.getByText(/^whsec_/)).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("rotation-window")).toBeVisible();
  await expect(page.getByText(/whsec_/)).toHaveCount(0);

  // Disable, then enable.
  await page.getByRole("button", { name: "Disable endpoint" }).click();
  await expect(page.getByTestId("endpoint-status")).toHaveText("disabled");
  await page.getByRole("button", { name: "Enable endpoint" }).click();
  await expect(page.getByTestId("endpoint-status")).toHaveText("enabled");

  // Delete: asked first; keeping it changes nothing; deleting goes back to the list without it.
  await page.getByRole("button", { name: "Delete endpoint" }).click();
  await expect(page.getByRole("alertdialog")).toContainText(url);
  await page.getByRole("button", { name: "Keep it" }).click();
  await expect(page.getByRole("alertdialog")).toHaveCount(0);
  expect((await ownerApi.get(`/v1/organizations/${orgId}/webhook-endpoints/${endpoint.id}`)).status()).toBe(200);
  await page.getByRole("button", { name: "Delete endpoint" }).click();
  await page.getByRole("button", { name: "Delete for good" }).click();
  await expect(page.getByRole("heading", { name: "Webhook endpoints", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: url })).toHaveCount(0);
  expect((await ownerApi.get(`/v1/organizations/${orgId}/webhook-endpoints/${endpoint.id}`)).status()).toBe(404);
});
