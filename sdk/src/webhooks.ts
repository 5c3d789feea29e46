// @user-x/sdk/webhooks: verifies a User-X webhook delivery (Standard Webhooks: HMAC-SHA256 `v1`
// with the endpoint's secret, or ed25519 `v1a` with its public key when the endpoint signs
// asymmetrically) with Web Crypto, so the same code runs on Node ≥ 20, edge runtimes, Deno and
// browsers (ed25519 in Web Crypto: Node ≥ 20, Chrome ≥ 137, Firefox ≥ 129, Safari ≥ 17).
//
// IT NEEDS THE RAW BODY: the exact bytes received, as a string or bytes. A body parsed and
// serialized again (`JSON.stringify(req.body)`) differs in spacing or key order and never verifies.
// In Express use `express.raw({ type: "application/json" })` on the webhook route; in Next.js or a
// Worker, `await request.text()`.

/** Deliveries older or newer than this are refused, so a captured request cannot be replayed later. */
export const defaultToleranceSeconds = 5 * 60;

export interface VerifyWebhookInput {
  /**
   * The endpoint's signing secret, `whsec_…`, checked against the `v1` signatures. After a
   * rotation each delivery carries a signature of the new secret and of the replaced one for 24
   * hours, so either verifies; pass both while you switch if you like.
   */
  secret?: string | readonly string[];
  /**
   * The endpoint's ed25519 public key, `whpk_…` (endpoints with asymmetric signing), checked
   * against the `v1a` signatures. Give a secret, a public key, or both: any one match verifies.
   */
  publicKey?: string | readonly string[];
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
  const offered = (version: string) =>
    signatures
      .split(" ")
      .map((entry) => entry.split(","))
      .filter(([v, value]) => v === version && value)
      .map(([, value]) => fromBase64(value as string))
      .filter((bytes) => bytes !== undefined);
  const secrets = listOf(input.secret);
  const publicKeys = listOf(input.publicKey);
  if (secrets.length === 0 && publicKeys.length === 0) throw new WebhookVerificationError("invalid_secret", "give the endpoint's secret or its public key");
  // crypto.subtle.verify compares in constant time.
  for (const secret of secrets) {
    const key = await hmacKey(secret);
    for (const signature of offered("v1")) if (await crypto.subtle.verify("HMAC", key, signature, signed)) return parseEvent(body);
  }
  for (const publicKey of publicKeys) {
    const key = await ed25519Key(publicKey);
    for (const signature of offered("v1a")) if (await crypto.subtle.verify("Ed25519", key, signature, signed)) return parseEvent(body);
  }
  throw new WebhookVerificationError("invalid_signature", "no signature matches the secret or public key");
}

const listOf = (value: string | readonly string[] | undefined): readonly string[] => (value === undefined ? [] : typeof value === "string" ? [value] : value);

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

async function ed25519Key(publicKey: string): Promise<CryptoKey> {
  const raw = fromBase64(publicKey.startsWith("whpk_") ? publicKey.slice("whpk_".length) : publicKey);
  if (!raw || raw.length !== 32) throw new WebhookVerificationError("invalid_secret", "the public key is not a whpk_ base64 ed25519 key");
  return crypto.subtle.importKey("raw", raw, { name: "Ed25519" }, false, ["verify"]);
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
