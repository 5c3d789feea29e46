import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../integration/support/local-platform.js";
import { apiClient, signUpUser } from "./support/api-client.js";
import { surveyOpportunity } from "./support/scenario.js";

// Resend and recover against a real receiver on loopback, through Hosting and the real Cloud Tasks
// emulator, at the local webhook time scale (WEBHOOK_TIME_SCALE=3600: the whole schedule plays in
// about 30 s). Everything is read through the API: the message list, the message, the attempt log.

let status = 400;
const received: string[] = [];
let receiverUrl = "";
const server = createServer((req, res) => {
  req.resume().on("end", () => {
    received.push(req.headers["webhook-id"] as string);
    res.writeHead(status).end(`answer ${status}`);
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

type Attempt = { number: number; responseStatus: number | null; trigger: string };

describe("resending and recovering webhook messages", () => {
  it("recovers an exhausted message once, then resends it once per Idempotency-Key", { timeout: 180_000 }, async () => {
    const since = new Date().toISOString();
    const asOwner = apiClient((await signUpUser("owner")).idToken);
    const org = await asOwner.post("/v1/organizations", { name: "Replay Ltd" });
    const orgPath = `/v1/organizations/${org.body.id}`;
    const endpoint = await asOwner.post(`${orgPath}/webhook-endpoints`, { url: `${receiverUrl}/replay`, eventTypes: ["opportunity.published.v1"] });
    expect(endpoint.status).toBe(201);
    const draft = await asOwner.post("/v1/opportunities", surveyOpportunity(org.body.id));
    expect((await asOwner.post(`/v1/opportunities/${draft.body.id}/publish`)).status).toBe(200);

    // 400 does not open the breaker: the eight attempts run on the (scaled) schedule, then the message is failed.
    const failed = await eventually(async () => {
      const list = await asOwner.get(`${orgPath}/webhook-messages?endpointId=${endpoint.body.id}&status=failed`);
      expect(list.status).toBe(200);
      return list.body.data[0] as { id: string; attempts: number } | undefined;
    }, 120_000);
    expect(failed.attempts).toBe(8);
    const message = await asOwner.get(`${orgPath}/webhook-messages/${failed.id}`);
    expect(message.body).toMatchObject({ id: failed.id, status: "failed", eventType: "opportunity.published.v1", payload: { type: "opportunity.published.v1", data: { opportunityId: draft.body.id } } });

    status = 200;
    const key = randomUUID();
    const recovery = await asOwner.post(`${orgPath}/webhook-endpoints/${endpoint.body.id}/recover`, { since }, { "idempotency-key": key });
    expect(recovery.status).toBe(202);
    // The same request again is the same recovery, not a second one.
    expect((await asOwner.post(`${orgPath}/webhook-endpoints/${endpoint.body.id}/recover`, { since }, { "idempotency-key": key })).body).toEqual(recovery.body);
    const delivered = await eventually(async () => {
      const got = await asOwner.get(`${orgPath}/webhook-messages/${failed.id}`);
      return got.body.status === "delivered" ? got.body : undefined;
    }, 60_000);
    expect(delivered.attempts).toBe(9);

    // A second recovery finds nothing failed; a resend sends once more, and its retried request (same key) adds nothing.
    expect((await asOwner.post(`${orgPath}/webhook-endpoints/${endpoint.body.id}/recover`, { since }, { "idempotency-key": randomUUID() })).status).toBe(202);
    const resendKey = randomUUID();
    const resend = await asOwner.post(`${orgPath}/webhook-messages/${failed.id}/resend`, undefined, { "idempotency-key": resendKey });
    expect(resend.status).toBe(202);
    expect((await asOwner.post(`${orgPath}/webhook-messages/${failed.id}/resend`, undefined, { "idempotency-key": resendKey })).body).toEqual(resend.body);
    const log = await eventually(async () => {
      const attempts = await asOwner.get(`${orgPath}/webhook-messages/${failed.id}/attempts`);
      return attempts.body.data.length === 10 ? (attempts.body.data as Attempt[]) : undefined;
    }, 60_000);
    expect(log.map((a) => [a.number, a.responseStatus, a.trigger])).toEqual([
      [10, 200, "manual"],
      [9, 200, "manual"],
      ...[8, 7, 6, 5, 4, 3, 2, 1].map((n) => [n, 400, "scheduled"]),
    ]);
    expect(received.filter((id) => id === failed.id)).toHaveLength(10);
  });
});
