import { summaryOf } from "../../domain/audit/audit-entry.js";
import type { Principal } from "../../domain/identity/principal.js";
import type { AuditLog } from "../../ports/audit-log.js";
import type { Clock } from "../../ports/clock.js";
import type { Logger } from "../../ports/logger.js";

/** What the router hands over of a privileged request that succeeded (http/router.ts declares it). */
export interface AuditedRequest {
  action: `${string}.${string}`;
  principal: Principal;
  params: Record<string, unknown> | undefined;
  body: unknown;
  output: unknown;
  clientAddress: string;
  requestId: string;
}

/**
 * Appends a privileged action that succeeded to its organization's audit log: the organization
 * is the route's, the answer's, the request's or the API key's; the target is the record the path names (or the
 * one created). An append that fails is logged (`audit.append_failed`, alerted on) rather than
 * failing a request whose action has happened: retrying it could repeat the action.
 */
export async function recordAudit(deps: { auditLog: AuditLog; clock: Clock; logger: Logger }, request: AuditedRequest): Promise<void> {
  const output = request.output !== null && typeof request.output === "object" ? (request.output as Record<string, unknown>) : {};
  const body = request.body !== null && typeof request.body === "object" ? (request.body as Record<string, unknown>) : {};
  const orgId = stringOf(request.params?.orgId) ?? stringOf(output.orgId) ?? stringOf(body.orgId) ?? (request.principal.kind === "api_key" ? request.principal.orgId : undefined);
  if (!orgId) {
    deps.logger.error("audit.no_organization", { action: request.action, requestId: request.requestId });
    return;
  }
  const [targetParam, targetId] = Object.entries(request.params ?? {}).find(([name]) => name !== "orgId") ?? ["", stringOf(output.id)];
  const target = stringOf(targetId) ? { type: request.action.split(".")[0]!, id: String(targetId) } : null;
  const actor = request.principal.kind === "user" ? { kind: "user" as const, id: request.principal.userId } : { kind: "api_key" as const, id: request.principal.keyId };
  try {
    await deps.auditLog.append({
      orgId,
      at: deps.clock.now(),
      actor,
      action: request.action,
      target,
      clientAddress: request.clientAddress,
      requestId: request.requestId,
      summary: { ...summaryOf(request.body), ...(targetParam === "" && target ? { created: target.id } : {}) },
    });
  } catch (error) {
    deps.logger.error("audit.append_failed", { action: request.action, orgId, requestId: request.requestId, cause: error instanceof Error ? error.message : String(error) });
  }
}

const stringOf = (value: unknown): string | undefined => (typeof value === "string" && value.length > 0 ? value : undefined);
