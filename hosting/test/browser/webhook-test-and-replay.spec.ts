// Issue 9's last console pages in a real browser: the event catalog (every type with its example
// and JSON Schema), "Send test event" (signed, delivered to a receiver on loopback, marked test in
// the attempt log), "Replay missed events" for an endpoint that was disabled while an event
// happened (the receiver then gets it, once), and the retention setting.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "./support/fixtures.js";
import { demoOpportunityWith, demoOrgIdOf, signInThroughForm } from "./support/pages.js";

test("the owner reads the event catalog, sends a test event, replays what a disabled endpoint missed and sets the retention", async ({ page, owner, ownerApi }) => {
  test.setTimeout(180_000);
  // The demo organization is shared: events of other specs may come too, so each is told apart by its data.
  const received: Array<{ type: string; opportunityId?: string; signed: boolean }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const payload = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { type: string; data: { opportunityId?: string } };
      received.push({ type: payload.type, ...(payload.data.opportunityId ? { opportunityId: payload.data.opportunityId } : {}), signed: String(req.headers["webhook-signature"] ?? "").startsWith("v1,") });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const orgId = await demoOrgIdOf(ownerApi);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
    const created = await ownerApi.post(`/v1/organizations/${orgId}/webhook-endpoints`, { data: { url, eventTypes: ["opportunity.published.v1"] } });
    expect(created.status()).toBe(201);
    const endpoint = (await created.json()) as { id: string };

    await page.addInitScript((id) => localStorage.setItem("userx.console.orgId", id), orgId);
    await signInThroughForm(page, owner, "/console/webhooks");
    await page.getByRole("link", { name: "Event types and example payloads" }).click();
    await expect(page.getByRole("heading", { name: "Webhook event types" })).toBeVisible();
    const rewardIssued = page.getByTestId("event-type").filter({ hasText: "reward.issued.v1" });
    await rewardIssued.getByText("JSON Schema").click();
    await expect(rewardIssued).toContainText("https://json-schema.org/draft/2020-12/schema");
    await rewardIssued.getByText("Example payload").click();
    await expect(rewardIssued).toContainText('"rewardId"');

    // Send test event: signed, received, and in the attempt log marked test.
    await page.goto(`/console/webhooks/${endpoint.id}`);
    await page.getByLabel("Test event type").selectOption("reward.issued.v1");
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Test reward.issued.v1 queued" })).toBeVisible();
    await expect.poll(() => received.filter((r) => r.type === "reward.issued.v1" && r.signed).length, { timeout: 60_000 }).toBe(1);
    await page.reload();
    await expect(page.getByTestId("attempt-row").filter({ hasText: "reward.issued.v1" }).filter({ hasText: "test" })).toBeVisible();

    // Disabled while an opportunity is published: nothing comes; the replay then sends it, once.
    expect((await ownerApi.post(`/v1/organizations/${orgId}/webhook-endpoints/${endpoint.id}/disable`)).status()).toBe(200);
    const missed = await demoOpportunityWith(ownerApi, { title: "Missed while disabled" });
    expect((await ownerApi.post(`/v1/organizations/${orgId}/webhook-endpoints/${endpoint.id}/enable`)).status()).toBe(200);
    await page.reload();
    await page.getByRole("button", { name: "Replay missed events" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Replay of the events missed since" })).toBeVisible();
    const receivedMissed = () => received.filter((r) => r.opportunityId === missed).length;
    await expect.poll(receivedMissed, { timeout: 90_000 }).toBe(1);
    const publishedAttempts = async () =>
      ((await (await ownerApi.get(`/v1/organizations/${orgId}/webhook-endpoints/${endpoint.id}/attempts?eventType=opportunity.published.v1`)).json()) as { data: unknown[] }).data.length;
    await expect.poll(publishedAttempts, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    await page.reload();
    await expect(page.getByTestId("attempt-row").filter({ hasText: "opportunity.published.v1" }).first()).toBeVisible();
    // Asked again: what it now received is not sent twice.
    await page.getByRole("button", { name: "Replay missed events" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Replay of the events missed since" })).toBeVisible();

    // Retention: 90 days until set.
    await page.goto("/console/webhooks");
    await expect(page.getByLabel("Keep message payloads (days)")).toHaveValue("90");
    await page.getByLabel("Keep message payloads (days)").fill("30");
    await page.getByRole("button", { name: "Save retention" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Payloads are kept 30 days." })).toBeVisible();
    expect(await (await ownerApi.get(`/v1/organizations/${orgId}/webhook-settings`)).json()).toEqual({ messageRetentionDays: 30 });
    expect(receivedMissed()).toBe(1);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
