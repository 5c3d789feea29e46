import type { WebhookEndpointOut } from "../../../contracts/organizations.js";
import type { Principal } from "../../../domain/identity/principal.js";
import { newSigningKey, newSigningSecret } from "../../../domain/webhooks/signing.js";
import { withSigningRotated } from "../../../domain/webhooks/webhook-endpoint.js";
import type { Clock } from "../../../ports/clock.js";
import { presentWebhookEndpoint } from "../../organizations/present.js";
import { updateAggregate } from "../../shared/update-aggregate.js";
import { endpointNotFound, loadWebhookEndpointFor, type EndpointDeps } from "./load-webhook-endpoint.js";

/**
 * A new signing secret (and ed25519 key), shown in this answer only; the replaced ones keep
 * signing for a day. The fresh pair is drawn once, before the versioned save: a save that loses a
 * race is decided again on a fresh read with the same pair, so the secret shown is the one stored,
 * and two rotations at once both land, one after the other (the earlier one's secret becomes the
 * replaced one, still signing).
 */
export async function rotateWebhookEndpointSecret(
  deps: EndpointDeps & { clock: Clock },
  principal: Principal,
  orgId: string,
  endpointId: string,
): Promise<WebhookEndpointOut> {
  await loadWebhookEndpointFor(deps, principal, orgId, endpointId);
  const fresh = { secret: newSigningSecret(), signingKey: newSigningKey() };
  const now = deps.clock.now();
  const saved = await updateAggregate(deps.webhookEndpoints, endpointId, (current) => ({ next: withSigningRotated(current, fresh, now) }));
  if (!saved) throw endpointNotFound();
  return presentWebhookEndpoint(saved, now, { includeSecret: true });
}
