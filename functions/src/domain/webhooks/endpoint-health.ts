import { endpointDisabled, type EndpointDisabled } from "./operational-events.js";
import { failedTooLong } from "./retry-schedule.js";
import type { WebhookEndpoint } from "./webhook-endpoint.js";

/**
 * An endpoint after one attempt's outcome, measured as Svix does: it is failing from its first
 * failure until its next success, and is disabled once it has failed continuously for 5 days
 * (`failedTooLong`, divided by the test-only time scale); an answer 410 Gone disables it at once.
 * Disabling it causes `endpoint.disabled.v1`. `next` is null when nothing changes, so most
 * attempts write nothing to the endpoint.
 */
export function afterOutcome(
  endpoint: WebhookEndpoint,
  outcome: { failed: boolean; gone: boolean; attemptId: string },
  now: Date,
  scale: number,
): { next: WebhookEndpoint | null; disabled: EndpointDisabled | null } {
  if (endpoint.status === "disabled") return { next: null, disabled: null };
  if (!outcome.failed) return { next: endpoint.failingSince ? { ...endpoint, failingSince: null } : null, disabled: null };
  const failingSince = endpoint.failingSince ?? now;
  if (outcome.gone) {
    const disabled = endpointDisabled(endpoint, "gone", failingSince, `gone/${outcome.attemptId}`, now);
    return { next: { ...endpoint, status: "disabled", failingSince: null }, disabled };
  }
  if (failedTooLong(failingSince, now, scale)) {
    const disabled = endpointDisabled(endpoint, "failing", failingSince, `failing/${failingSince.toISOString()}`, now);
    return { next: { ...endpoint, status: "disabled", failingSince: null }, disabled };
  }
  return { next: endpoint.failingSince ? null : { ...endpoint, failingSince }, disabled: null };
}
