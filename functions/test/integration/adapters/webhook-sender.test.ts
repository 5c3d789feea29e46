import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signatureHeader } from "../../../src/domain/webhooks/signing.js";
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

const message = (url: string, headers: Record<string, string> = {}) => {
  const messageId = "msg_0123456789abcdef01234567";
  const timestamp = new Date();
  const body = '{"type":"claim.completed.v1"}';
  return { url, signature: signatureHeader({ secrets: [secret], signingKeys: [] }, messageId, timestamp, body), headers, messageId, timestamp, body };
};

describe("standardWebhookSender", () => {
  it("delivers a request that the Standard Webhooks verifier accepts", async () => {
    const sender = standardWebhookSender({ allowlist: ["127.0.0.1"] });
    const before = receiver.received.length;
    const result = await sender.send(message(`${receiver.url}/ok`));
    expect(result.status).toBe(204);
    const sent = receiver.received.slice(before);
    expect(sent.map((r) => r.path)).toEqual(["/ok"]);
    const request = sent[0]!;
    const headers = { "webhook-id": String(request.headers["webhook-id"]), "webhook-timestamp": String(request.headers["webhook-timestamp"]), "webhook-signature": String(request.headers["webhook-signature"]) };
    expect(new Webhook(secret).verify(request.body, headers)).toEqual({ type: "claim.completed.v1" });
  });

  it("reports the endpoint's status as it is", async () => {
    const sender = standardWebhookSender({ allowlist: ["127.0.0.1"] });
    const before = receiver.received.length;
    expect((await sender.send(message(`${receiver.url}/gone`))).status).toBe(410);
    expect(receiver.received.slice(before).map((r) => r.path)).toEqual(["/gone"]);
  });

  it("with the production guard, never reaches a private address, by IP or by name", async () => {
    const sender = standardWebhookSender({ allowlist: [] });
    const before = receiver.received.length;
    const byName = receiver.url.replace("127.0.0.1", "localhost");
    // Plain HTTP is refused first; HTTPS to the same hosts is refused for the address.
    expect(await sender.send(message(`${receiver.url}/ok`))).toMatchObject({ status: null, error: "https_required" });
    expect(await sender.send(message(`${byName}/ok`))).toMatchObject({ status: null, error: "https_required" });
    expect(await sender.send(message(`${receiver.url.replace("http:", "https:")}/ok`))).toMatchObject({ status: null, error: "destination_not_allowed" });
    expect(receiver.received.length).toBe(before);
  });

  it("with the production guard, refuses plain HTTP", async () => {
    const sender = standardWebhookSender({ allowlist: [] });
    expect(await sender.send(message("http://hooks.example.com/x"))).toMatchObject({ status: null, error: "https_required" });
  });
});
