import { performance } from "node:perf_hooks";
import type { Readable } from "node:stream";
import type { SendResult, WebhookSender } from "../../ports/webhook-sender.js";
import { DestinationRefused, destinationGuard, type DestinationGuardOptions } from "./destination-guard.js";

/**
 * How long an attempt may take and how much of the answer is read. A receiver has 2 s to accept
 * the connection (a reachable server accepts in milliseconds; waiting longer only holds the
 * function for endpoints that are down), 10 s more to send its status and headers, and 15 s for the whole attempt; of
 * its body only the first 4 KB are read, as the attempt's excerpt, and then the connection is
 * dropped, so a receiver that streams without end holds neither the function's memory nor its
 * time.
 */
export const attemptLimits = { connectMs: 2_000, headersMs: 10_000, attemptMs: 15_000, excerptBytes: 4_096 };

/**
 * POSTs a signed message with undici, through the destination guard (destination-guard.ts).
 * Redirects are not followed: a 3xx counts as a failed attempt.
 */
export function standardWebhookSender(options: DestinationGuardOptions, limits: typeof attemptLimits = attemptLimits): WebhookSender {
  const guard = destinationGuard(options);
  const agent = guard.agent({ connectMs: limits.connectMs, headersMs: limits.headersMs });
  return {
    attemptTimeoutMs: limits.attemptMs,
    async send({ url, signature, headers, messageId, timestamp, body }): Promise<SendResult> {
      const started = performance.now();
      const latency = () => Math.round(performance.now() - started);
      const target = new URL(url);
      // The guard's agent judges the addresses a name resolves to; a URL whose host is an IP
      // address connects without a lookup, so the URL itself is judged first.
      const refusal = guard.refusalOf(target);
      if (refusal) return { status: null, latencyMs: 0, error: refusal.code };
      try {
        const response = await agent.request({
          origin: target.origin,
          path: `${target.pathname}${target.search}`,
          method: "POST",
          signal: AbortSignal.timeout(limits.attemptMs),
          headers: withCustom(
            {
              "content-type": "application/json",
              "user-agent": "User-X-Webhooks/1",
              "webhook-id": messageId,
              "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
              "webhook-signature": signature,
            },
            headers,
          ),
          body,
        });
        const responseExcerpt = await readExcerpt(response.body, limits.excerptBytes);
        const retryAfter = response.headers["retry-after"];
        return { status: response.statusCode, latencyMs: latency(), responseExcerpt, ...(typeof retryAfter === "string" ? { retryAfter } : {}) };
      } catch (error) {
        return { status: null, latencyMs: latency(), error: failureOf(error) };
      }
    },
  };
}

/**
 * Our headers and the endpoint's custom ones. The contract refuses custom names that collide with
 * ours; a collision in any letter case is dropped here too, so a receiver can trust `webhook-*`.
 */
function withCustom(ours: Record<string, string>, custom: Readonly<Record<string, string>>): Record<string, string> {
  const kept = Object.entries(custom).filter(([name]) => !(name.toLowerCase() in ours));
  return { ...Object.fromEntries(kept), ...ours };
}

/**
 * The first `limit` bytes of a body, as text; the body is destroyed after them, which closes the
 * connection. The status already decides the attempt, so a body cut short by the attempt's end
 * or by the receiver keeps what arrived.
 */
async function readExcerpt(body: Readable, limit: number): Promise<string> {
  // Decoding in stream mode and never flushing leaves out a character cut in half at the limit.
  const decoder = new TextDecoder();
  let excerpt = "";
  let remaining = limit;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      const part = chunk.subarray(0, remaining);
      excerpt += decoder.decode(part, { stream: true });
      remaining -= part.length;
      if (remaining === 0) break;
    }
  } catch {
    // Cut short: keep what arrived.
  } finally {
    body.destroy();
  }
  return excerpt;
}

/** What a failed attempt records: the guard's refusal, else the error's code or name. */
function failureOf(error: unknown): string {
  // undici wraps connection failures; the refusal may sit one or two causes deep.
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current instanceof DestinationRefused) return current.refusal.code;
  }
  if (!(error instanceof Error)) return "network_error";
  return "code" in error && typeof error.code === "string" ? error.code : error.name;
}
