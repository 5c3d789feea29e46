import { randomBytes } from "node:crypto";
import { z } from "zod";
import { WebhookEndpointOut, type WebhookEndpointIn } from "../../contracts/organizations.js";
import { firstVersion, Version } from "../aggregate.js";

/** A URL of an organization's that receives the events it subscribed to, signed with its secret. */
export const WebhookEndpoint = WebhookEndpointOut.extend({
  secret: z.string().min(1),
  createdAt: z.date(),
  version: Version,
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

/** A new endpoint with a fresh `whsec_` signing secret (Standard Webhooks: 24–64 random bytes). */
export function registerEndpoint(orgId: string, input: WebhookEndpointIn, id: string, now: Date): WebhookEndpoint {
  return {
    id,
    orgId,
    url: input.url,
    eventTypes: [...new Set(input.eventTypes)],
    description: input.description,
    secret: `whsec_${randomBytes(32).toString("base64")}`,
    createdAt: now,
    version: firstVersion,
  };
}
