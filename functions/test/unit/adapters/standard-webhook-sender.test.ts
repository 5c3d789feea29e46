import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signatureHeader } from "../../../src/domain/webhooks/signing.js";
import { attemptLimits, standardWebhookSender } from "../../../src/adapters/webhooks/standard-webhook-sender.js";

// How the sender reads a receiver's answer: never more than the excerpt, never longer than the
// attempt's bounds, never through a redirect. The receivers are real servers on loopback, which
// the local allowlist lets through; the bounds are shortened so each case takes a second or two
// (undici checks its headers timeout about once a second).

const secret = `whsec_${Buffer.from("a-test-secret-of-thirty-two-byte").toString("base64")}`;
const limits = { ...attemptLimits, headersMs: 500, attemptMs: 2_500 };
const sender = standardWebhookSender({ allowlist: ["127.0.0.1"] }, limits);

interface Seen {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
  /** Milliseconds from the request's arrival until its connection closed, once it has. */
  closedAfterMs?: number;
}

const seen: Seen[] = [];
const behaviours: Record<string, (res: ServerResponse) => void> = {
  "/ok": (res) => res.writeHead(204).end(),
  "/endless": (res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    let n = 0;
    const pump = () => {
      while (!res.destroyed && res.write(`line ${String(n++).padStart(8, "0")} ${"x".repeat(40)}\n`));
      if (!res.destroyed) res.once("drain", pump);
    };
    pump();
  },
  "/multibyte": (res) => {
    // One ASCII byte, then two-byte characters: byte 4 096 is the first half of a character.
    res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
    res.end(`a${"é".repeat(4_000)}`);
  },
  "/trickle": (res) => {
    res.writeHead(200);
    res.write("first words");
    const timer = setInterval(() => res.write("."), 50);
    res.once("close", () => clearInterval(timer));
  },
  "/silent": () => {},
  "/redirect": (res) => res.writeHead(302, { location: "/ok" }).end(),
};

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const arrived = Date.now();
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const entry: Seen = { path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      seen.push(entry);
      res.once("close", () => {
        entry.closedAfterMs = Date.now() - arrived;
      });
      behaviours[entry.path]?.(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const message = (url: string, headers: Record<string, string> = {}) => {
  const messageId = "msg_0123456789abcdef01234567";
  const timestamp = new Date();
  const body = '{"type":"claim.completed.v1"}';
  return { url, signature: signatureHeader({ secrets: [secret], signingKeys: [] }, messageId, timestamp, body), headers, messageId, timestamp, body };
};

async function sendTo(path: string) {
  const before = seen.length;
  const result = await sender.send(message(`${base}${path}`));
  return { result, requests: seen.slice(before) };
}

/** Waits until the receiver saw its connection close; fails the test if it never does. */
async function closed(entry: Seen | undefined): Promise<number> {
  for (let i = 0; i < 100 && entry?.closedAfterMs === undefined; i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(entry?.closedAfterMs).toBeTypeOf("number");
  return entry!.closedAfterMs!;
}

describe("standardWebhookSender", () => {
  it("sends a request the Standard Webhooks verifier accepts, and records the status", async () => {
    const { result, requests } = await sendTo("/ok");
    expect(result).toMatchObject({ status: 204, responseExcerpt: "" });
    const [request] = requests;
    const headers = { "webhook-id": String(request?.headers["webhook-id"]), "webhook-timestamp": String(request?.headers["webhook-timestamp"]), "webhook-signature": String(request?.headers["webhook-signature"]) };
    expect(new Webhook(secret).verify(request?.body ?? "", headers)).toEqual({ type: "claim.completed.v1" });
  });

  it("sends the endpoint's custom headers beside ours, and never lets one replace ours", async () => {
    const before = seen.length;
    const sent = message(`${base}/ok`, { "X-Api-Gateway-Key": "gw-123", "Content-Type": "text/plain", "webhook-id": "forged" });
    expect((await sender.send(sent)).status).toBe(204);
    const [request] = seen.slice(before);
    expect(request?.headers).toMatchObject({ "x-api-gateway-key": "gw-123", "content-type": "application/json", "webhook-id": sent.messageId, "webhook-signature": sent.signature });
  });

  it("reads 4 KB of a body that never ends, then drops the connection", async () => {
    const { result, requests } = await sendTo("/endless");
    expect(result.status).toBe(200);
    expect(Buffer.byteLength(result.responseExcerpt ?? "")).toBe(4_096);
    expect(result.responseExcerpt).toMatch(/^line 00000000 x{40}\nline 00000001 /);
    expect(result.latencyMs).toBeLessThan(limits.attemptMs);
    expect(await closed(requests[0])).toBeLessThan(limits.attemptMs);
  });

  it("leaves out a character the 4 KB limit cuts in half", async () => {
    const { result } = await sendTo("/multibyte");
    expect(result.responseExcerpt).toBe(`a${"é".repeat(2_047)}`);
    expect(result.responseExcerpt).not.toContain("\uFFFD");
  });

  it("ends an attempt whose body is still coming when the attempt's time is up, keeping the status and what arrived", async () => {
    const shortAttempt = standardWebhookSender({ allowlist: ["127.0.0.1"] }, { ...limits, attemptMs: 700 });
    const before = seen.length;
    const started = Date.now();
    const result = await shortAttempt.send(message(`${base}/trickle`));
    expect(result.status).toBe(200);
    expect(result.responseExcerpt).toMatch(/^first words\.+$/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(650);
    expect(Date.now() - started).toBeLessThan(1_200);
    await closed(seen[before]);
  });

  it("gives up on a receiver that sends no headers in time", async () => {
    const started = Date.now();
    const { result, requests } = await sendTo("/silent");
    expect(result).toMatchObject({ status: null, error: "UND_ERR_HEADERS_TIMEOUT" });
    expect(Date.now() - started).toBeLessThan(limits.attemptMs);
    await closed(requests[0]);
  });

  it("ends the attempt at its limit even when headers may take longer", async () => {
    const slowHeaders = standardWebhookSender({ allowlist: ["127.0.0.1"] }, { ...limits, headersMs: 5_000, attemptMs: 300 });
    const started = Date.now();
    const result = await slowHeaders.send(message(`${base}/silent`));
    expect(result).toMatchObject({ status: null, error: "TimeoutError" });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("does not follow a redirect: the 3xx is the attempt's answer", async () => {
    const { result, requests } = await sendTo("/redirect");
    expect(result.status).toBe(302);
    expect(requests.map((r) => r.path)).toEqual(["/redirect"]);
  });

  it.each([
    ["http://hooks.example.com/x", "https_required"],
    ["https://user:secret@hooks.example.com/x", "credentials_not_allowed"],
    ["https://hooks.example.com:6379/x", "port_not_allowed"],
    ["https://169.254.169.254/computeMetadata/v1/", "destination_not_allowed"],
    ["https://[::ffff:127.0.0.1]:8443/x", "destination_not_allowed"],
    ["http://127.0.0.2:8080/x", "https_required"],
  ])("refuses %s before connecting: %s", async (url, error) => {
    expect(await sender.send(message(url))).toEqual({ status: null, latencyMs: 0, error });
  });
});
