import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { standardWebhookSender } from "../../../src/adapters/webhooks/standard-webhook-sender.js";
import { startHttpTarget } from "../support/http-target.js";

// The webhook sender against a real HTTP receiver on loopback: signed requests any Standard
// Webhooks verifier accepts, and, with the production guard on, no way into private networks.

const secret = `whsec_${Buffer.from("a-test-secret-of-thirty-two-byte").toString("base64")}`;
let receiver: Awaited<ReturnType<typeof startHttpTarget>>;

beforeAll(async () => {
  receiver = await startHttpTarget((request) => (request.path === "/gone" ? 410 : 204));
});

afterAll(() => receiver.close());

const message = (url: string) => ({ url, secret, messageId: "msg_0123456789abcdef01234567", timestamp: new Date(), body: '{"type":"claim.completed.v1"}' });

describe("standardWebhookSender", () => {
  it("delivers a request that the Standard Webhooks verifier accepts", async () => {
    const sender = standardWebhookSender({ guardDestinations: false, requireHttps: false });
    const result = await sender.send(message(`${receiver.url}/ok`));
    expect(result.status).toBe(204);
    const request = receiver.received.at(-1)!;
    const headers = { "webhook-id": String(request.headers["webhook-id"]), "webhook-timestamp": String(request.headers["webhook-timestamp"]), "webhook-signature": String(request.headers["webhook-signature"]) };
    expect(new Webhook(secret).verify(request.body, headers)).toEqual({ type: "claim.completed.v1" });
  });

  it("reports the endpoint's status as it is", async () => {
    const sender = standardWebhookSender({ guardDestinations: false, requireHttps: false });
    expect((await sender.send(message(`${receiver.url}/gone`))).status).toBe(410);
  });

  it("with the production guard, never reaches a private address, by IP or by name", async () => {
    const sender = standardWebhookSender({ guardDestinations: true, requireHttps: false });
    const before = receiver.received.length;
    const byName = receiver.url.replace("127.0.0.1", "localhost");
    expect(await sender.send(message(`${receiver.url}/ok`))).toMatchObject({ status: null, error: "destination_not_allowed" });
    expect(await sender.send(message(`${byName}/ok`))).toMatchObject({ status: null, error: "destination_not_allowed" });
    expect(receiver.received.length).toBe(before);
  });

  it("with the production guard, refuses plain HTTP", async () => {
    const sender = standardWebhookSender({ guardDestinations: true, requireHttps: true });
    expect(await sender.send(message("http://hooks.example.com/x"))).toMatchObject({ status: null, error: "https_required" });
  });
});
