import type { WebhookEndpoint } from "../domain/webhooks/webhook-endpoint.js";
import type { AggregateStore } from "./aggregate-store.js";

export interface WebhookEndpointRepository extends AggregateStore<WebhookEndpoint> {
  /** The organization's enabled endpoints subscribed to `eventType`. */
  findSubscribed(orgId: string, eventType: string): Promise<WebhookEndpoint[]>;
  /** The organization's endpoints, oldest first. */
  listByOrg(orgId: string): Promise<WebhookEndpoint[]>;
  /** Deletes the endpoint for good; false when there was none. */
  remove(id: string): Promise<boolean>;
}
