// @user-x/sdk/webhooks: verifies a User-X webhook delivery (Standard Webhooks, HMAC-SHA256 `v1`)
// with Web Crypto, so the same code runs on Node ≥ 20, edge runtimes, Deno and browsers.
//
// IT NEEDS THE RAW BODY: the exact bytes received, as a string or bytes. A body parsed and
// serialized again (`JSON.stringify(req.body)`) differs in spacing or key order and never verifies.
// In Express use `express.raw({ type: "application/json" })` on the webhook route; in Next.js or a
// Worker, `await request.text()`.

/** Deliveries older or newer than this are refused, so a captured request cannot be replayed later. */
export const defaultToleranceSeconds = 5 * 60;

export interface VerifyWebhookInput {
  /** The endpoint's signing secret, `whsec_…`. During a rotation, pass both: either may sign. */
  secret: string | readonly string[];
  /** The request's headers: a `Headers` object or a plain record (keys in any case). */
  headers: Headers | Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The raw request body, exactly as received. */
  body: string | Uint8Array;
  toleranceSeconds?: number;
  /** For tests: the current time. */
  now?: Date;
}

/** A verified delivery: the event as User-X sent it. */
export interface WebhookEvent {
  id: string;
  type: string;
  [field: string]: unknown;
}

export type WebhookVerificationFailure = "missing_headers" | "timestamp_out_of_tolerance" | "invalid_signature" | "invalid_secret" | "invalid_payload";

export class WebhookVerificationError extends Error {
  override readonly name = "WebhookVerificationError";
  constructor(readonly reason: WebhookVerificationFailure, message: string) {
    super(message);
  }
}

/** Checks the delivery's signature and age and returns its event; throws `WebhookVerificationError` otherwise. */
export async function verifyWebhook(input: VerifyWebhookInput): Promise<WebhookEvent> {
  const id = header(input.headers, "webhook-id");
  const timestamp = header(input.headers, "webhook-timestamp");
  const signatures = header(input.headers, "webhook-signature");
  if (!id || !timestamp || !signatures) throw new WebhookVerificationError("missing_headers", "webhook-id, webhook-timestamp and webhook-signature are required");
  assertFresh(timestamp, input.toleranceSeconds ?? defaultToleranceSeconds, input.now ?? new Date());

  const body = typeof input.body === "string" ? input.body : new TextDecoder().decode(input.body);
  const signed = new TextEncoder().encode(`${id}.${timestamp}.${body}`);
  const offered = signatures
    .split(" ")
    .map((entry) => entry.split(","))
    .filter(([version, value]) => version === "v1" && value)
    .map(([, value]) => value as string);
  const secrets = typeof input.secret === "string" ? [input.secret] : input.secret;
  for (const secret of secrets) {
    const key = await hmacKey(secret);
    for (const signature of offered) {
      const bytes = fromBase64(signature);
      // crypto.subtle.verify compares in constant time.
      if (bytes && (await crypto.subtle.verify("HMAC", key, bytes, signed))) return parseEvent(body);
    }
  }
  throw new WebhookVerificationError("invalid_signature", "no v1 signature matches the secret");
}

function assertFresh(timestamp: string, toleranceSeconds: number, now: Date): void {
  const sentAt = /^\d+$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  if (!Number.isFinite(sentAt) || Math.abs(now.getTime() / 1000 - sentAt) > toleranceSeconds) {
    throw new WebhookVerificationError("timestamp_out_of_tolerance", `webhook-timestamp is not within ${toleranceSeconds} s of now`);
  }
}

async function hmacKey(secret: string): Promise<CryptoKey> {
  const raw = fromBase64(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret);
  if (!raw || raw.length === 0) throw new WebhookVerificationError("invalid_secret", "the secret is not a whsec_ base64 secret");
  return crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
}

function parseEvent(body: string): WebhookEvent {
  try {
    const event = JSON.parse(body) as WebhookEvent;
    if (typeof event?.type === "string") return event;
  } catch {
    // Reported below.
  }
  throw new WebhookVerificationError("invalid_payload", "the body is not a User-X event");
}

function header(headers: VerifyWebhookInput["headers"], name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers as Record<string, string | readonly string[] | undefined>)) {
    if (key.toLowerCase() === name) return typeof value === "string" ? value : value?.[0];
  }
  return undefined;
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}
