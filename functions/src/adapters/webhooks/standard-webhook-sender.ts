import { performance } from "node:perf_hooks";
import { Webhook } from "standardwebhooks";
import type { WebhookSender } from "../../ports/webhook-sender.js";

const timeoutMs = 15_000;
const excerptLength = 512;

/**
 * Signs with the Standard Webhooks reference library and POSTs with fetch. Redirects are not
 * followed: a 3xx counts as a failed attempt.
 */
export const standardWebhookSender: WebhookSender = {
  async send({ url, secret, messageId, timestamp, body }) {
    const signature = new Webhook(secret).sign(messageId, timestamp, body);
    const started = performance.now();
    const latency = () => Math.round(performance.now() - started);
    try {
      const response = await fetch(url, {
        method: "POST",
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
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
      return { status: null, latencyMs: latency(), error: error instanceof Error ? error.name : "network error" };
    }
  },
};
