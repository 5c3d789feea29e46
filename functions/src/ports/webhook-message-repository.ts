import type { WebhookMessage } from "../domain/webhooks/webhook-message.js";
import type { AggregateStore } from "./aggregate-store.js";

export type WebhookMessageRepository = AggregateStore<WebhookMessage>;
