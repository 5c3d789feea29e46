import type { WebhookMessage } from "../domain/webhooks/webhook-message.js";
import type { AggregateStore } from "./aggregate-store.js";
import type { PageOf, PageRequest } from "./page.js";

/** The filters of a message list; every one optional, all of them must hold. The time range is on createdAt, [since, until). */
export interface MessageFilter {
  endpointId?: string;
  eventType?: string;
  status?: WebhookMessage["status"];
  since?: Date;
  until?: Date;
}

export interface WebhookMessageRepository extends AggregateStore<WebhookMessage> {
  /** Up to `limit` pending messages nothing has happened to since `before` (see isStalled), oldest first. */
  listStalled(before: Date, limit: number): Promise<WebhookMessage[]>;
  /** The organization's messages matching `filter`, by creation. */
  listByOrganization(orgId: string, filter: MessageFilter, page: PageRequest): Promise<PageOf<WebhookMessage>>;
  /** The organizations that have settled messages created before `before` whose payload is still kept. */
  organizationsWithPayloadsBefore(before: Date): Promise<string[]>;
  /** Up to `limit` of the organization's messages the purge may take (see isPurgeable), oldest first. */
  listPurgeable(orgId: string, cutoff: Date, limit: number): Promise<WebhookMessage[]>;
}
