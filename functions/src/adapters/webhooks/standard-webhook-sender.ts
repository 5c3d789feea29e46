import { performance } from "node:perf_hooks";
import { Webhook } from "standardwebhooks";
import { fetch, type Dispatcher } from "undici";
import type { SendResult, WebhookSender } from "../../ports/webhook-sender.js";
import { DestinationRefused, assertPublicHost, guardedAgent } from "./destination-guard.js";

const timeoutMs = 15_000;
const excerptLength = 512;

export interface WebhookSenderOptions {
  /** Production: true. Only the local platform, whose receivers listen on loopback, turns it off. */
  guardDestinations: boolean;
  requireHttps: boolean;
}

/**
 * Signs with the Standard Webhooks reference library and POSTs with undici. Redirects are not
 * followed: a 3xx counts as a failed attempt. Destinations in private networks are refused.
 */
export function standardWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const dispatcher: Dispatcher | undefined = options.guardDestinations ? guardedAgent() : undefined;
  return {
    async send({ url, secret, messageId, timestamp, body }): Promise<SendResult> {
      const started = performance.now();
      const latency = () => Math.round(performance.now() - started);
      const target = new URL(url);
      if (options.requireHttps && target.protocol !== "https:") return { status: null, latencyMs: 0, error: "https_required" };
      const signature = new Webhook(secret).sign(messageId, timestamp, body);
      try {
        if (options.guardDestinations) assertPublicHost(target);
        const response = await fetch(target, {
          method: "POST",
          redirect: "manual",
          signal: AbortSignal.timeout(timeoutMs),
          ...(dispatcher ? { dispatcher } : {}),
          headers: {
            "content-type": "application/json",
            "user-agent": "User-X-Webhooks/1",
            "webhook-id": messageId,
            "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
            "webhook-signature": signature,
          },
          body,
        });
        const text = await response.text();
        return { status: response.status, latencyMs: latency(), responseExcerpt: text.slice(0, excerptLength) };
      } catch (error) {
        return { status: null, latencyMs: latency(), error: refusal(error) ?? (error instanceof Error ? error.name : "network_error") };
      }
    },
  };
}

// undici wraps connection failures; the refusal may sit one or two causes deep.
function refusal(error: unknown): string | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current instanceof DestinationRefused) return "destination_not_allowed";
  }
  return undefined;
}
