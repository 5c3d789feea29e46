// The endpoint page's attempt log in a real browser, against a receiver on loopback that fails
// then answers: status codes and response excerpts, the filters, the success-rate chart, and the
// resend and recover buttons (each queues a manual attempt that the log then shows).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "./support/fixtures.js";
import { demoOpportunityWith, demoOrgIdOf, signInThroughForm } from "./support/pages.js";

test("the owner reads the attempt log, filters it, resends a message and recovers failed ones", async ({ page, owner, ownerApi }) => {
  // The schedule's first attempts and the queued resend run through the Functions emulator.
  test.setTimeout(180_000);
  let status = 503;
  const server = createServer((req, res) => req.resume().on("end", () => res.writeHead(status).end(status === 200 ? "thanks" : "busy, try later")));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const orgId = await demoOrgIdOf(ownerApi);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    const created = await ownerApi.post(`/v1/organizations/${orgId}/webhook-endpoints`, { data: { url, eventTypes: ["opportunity.published.v1"] } });
    expect(created.status()).toBe(201);
    const endpoint = (await created.json()) as { id: string };
    await demoOpportunityWith(ownerApi, { title: "Attempt log survey" });
    // Two failed attempts in the log (the schedule plays at the local time scale), then the receiver answers.
    await expect
      .poll(async () => ((await (await ownerApi.get(`/v1/organizations/${orgId}/webhook-endpoints/${endpoint.id}/attempts`)).json()) as { data: unknown[] }).data.length, { timeout: 60_000 })
      .toBeGreaterThanOrEqual(2);
    status = 200;

    await page.addInitScript((id) => localStorage.setItem("userx.console.orgId", id), orgId);
    await signInThroughForm(page, owner, `/console/webhooks/${endpoint.id}`);
    await expect(page.getByRole("heading", { name: "Attempt log" })).toBeVisible();
    // The schedule keeps trying meanwhile, and the receiver now answers: the newest row may be a
    // success already, so the failed attempts are found by what they show, not by their place.
    await expect(page.getByTestId("attempt-row").filter({ hasText: "503" }).first()).toContainText("busy, try later");
    await expect(page.getByTestId("success-bar").first()).toBeVisible();

    // Filters: only server errors, then only successes (none yet, unless the schedule got through).
    await page.getByLabel("Status class").selectOption("5xx");
    await expect(page.getByTestId("attempt-row").first()).toContainText("503");
    await page.getByLabel("Status class").selectOption("");

    // Resend: a manual attempt that the receiver now accepts.
    await page.getByTestId("attempt-row").first().getByRole("button", { name: "Resend" }).click();
    await expect(page.getByRole("status").filter({ hasText: "queued" })).toBeVisible();
    const manualAttempts = async () =>
      ((await (await ownerApi.get(`/v1/organizations/${orgId}/webhook-endpoints/${endpoint.id}/attempts?status=succeeded`)).json()) as { data: Array<{ trigger: string }> }).data.filter((a) => a.trigger === "manual").length;
    await expect.poll(manualAttempts, { timeout: 90_000 }).toBeGreaterThanOrEqual(1);
    await page.reload();
    await expect(page.getByTestId("attempt-row").filter({ hasText: "manual" }).filter({ hasText: "thanks" }).first()).toBeVisible();
    await expect(page.getByTestId("success-rate")).not.toHaveText("0%");

    // Recover: queued, answered at once.
    await page.getByRole("button", { name: "Recover failed messages" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Recovery of failed messages since" })).toBeVisible();
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
