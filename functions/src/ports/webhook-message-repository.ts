import type { WebhookMessage } from "../domain/webhooks/webhook-message.js";
import type { AggregateStore } from "./aggregate-store.js";

export interface WebhookMessageRepository extends AggregateStore<WebhookMessage> {
  /** Up to `limit` pending messages nothing has happened to since `before` (see isStalled), oldest first. */
  listStalled(before: Date, limit: number): Promise<WebhookMessage[]>;
}
