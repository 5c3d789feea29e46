import { z } from "zod";
import { examplePayloadOf, webhookEventCatalog, webhookEventTypes, webhookPayloadSchemaOf, type WebhookEventTypeOut } from "../../contracts/webhook-event-catalog.js";

let catalog: { data: WebhookEventTypeOut[] } | undefined;

/**
 * Every webhook event type with its description, the JSON Schema of its payload (generated from
 * the zod event contracts: what is sent and what is documented come from one declaration) and an
 * example. The same for every caller, so it is built once per instance.
 */
export function listWebhookEventTypes(): { data: WebhookEventTypeOut[] } {
  catalog ??= {
    data: webhookEventTypes.map((type) => ({
      type,
      description: webhookEventCatalog[type].description,
      schema: z.toJSONSchema(webhookPayloadSchemaOf(type), { target: "draft-2020-12" }) as Record<string, unknown>,
      example: examplePayloadOf(type),
    })),
  };
  return catalog;
}
