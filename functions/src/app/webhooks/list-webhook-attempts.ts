import type { z } from "zod";
import type { ListWebhookAttemptsQuery, WebhookAttemptOut } from "../../contracts/webhooks.js";
import { AppError } from "../../domain/app-error.js";
import type { Principal } from "../../domain/identity/principal.js";
import type { AttemptFilter, AttemptRecord } from "../../domain/webhooks/attempt-record.js";
import type { WebhookAttemptLog } from "../../ports/webhook-attempt-log.js";
import type { WebhookMessageRepository } from "../../ports/webhook-message-repository.js";
import { loadOrganizationFor } from "../organizations/load-organization.js";
import { decodePageRequest, toPage } from "../shared/cursor.js";
import { loadWebhookEndpointFor, type EndpointDeps } from "./endpoints/load-webhook-endpoint.js";

type Query = z.infer<typeof ListWebhookAttemptsQuery>;
type Page = { data: WebhookAttemptOut[]; nextCursor: string | null };
export type AttemptListDeps = EndpointDeps & { webhookAttempts: WebhookAttemptLog; webhookMessages: WebhookMessageRepository };

/** An endpoint's attempts, newest first, for members and keys with webhooks:read. */
export async function listWebhookEndpointAttempts(deps: AttemptListDeps, principal: Principal, orgId: string, endpointId: string, query: Query): Promise<Page> {
  await loadWebhookEndpointFor(deps, principal, orgId, endpointId, "webhooks:read");
  const page = decodePageRequest(query);
  return toPage(await deps.webhookAttempts.listByEndpoint(endpointId, attemptFilterOf(query), page), page.order, presentAttempt);
}

/** One message's attempts, newest first; a message of another organization is not_found. */
export async function listWebhookMessageAttempts(deps: AttemptListDeps, principal: Principal, orgId: string, messageId: string, query: Query): Promise<Page> {
  await loadOrganizationFor(deps.organizations, orgId, principal, "webhooks:read");
  const message = await deps.webhookMessages.findById(messageId);
  if (!message || message.orgId !== orgId) throw new AppError("not_found", "webhook message not found");
  const page = decodePageRequest(query);
  return toPage(await deps.webhookAttempts.listByMessage(messageId, attemptFilterOf(query), page), page.order, presentAttempt);
}

export function attemptFilterOf(query: Pick<Query, "status" | "statusClass" | "eventType" | "since" | "until">): AttemptFilter {
  if (query.since && query.until && query.since >= query.until) {
    throw new AppError("validation_failed", "since must be before until", { errors: [{ location: "query.until", message: "must be after since" }] });
  }
  return {
    ...(query.status ? { outcome: query.status } : {}),
    ...(query.statusClass ? { statusClass: query.statusClass } : {}),
    ...(query.eventType ? { eventType: query.eventType } : {}),
    ...(query.since ? { since: new Date(query.since) } : {}),
    ...(query.until ? { until: new Date(query.until) } : {}),
  };
}

export function presentAttempt(record: AttemptRecord): WebhookAttemptOut {
  return {
    id: record.id,
    messageId: record.messageId,
    endpointId: record.endpointId,
    eventType: record.eventType,
    number: record.number,
    at: record.at.toISOString(),
    outcome: record.outcome,
    statusClass: record.statusClass,
    responseStatus: record.responseStatus,
    latencyMs: record.latencyMs,
    responseExcerpt: record.responseExcerpt,
    error: record.error,
    trigger: record.trigger,
    test: record.test,
  };
}
