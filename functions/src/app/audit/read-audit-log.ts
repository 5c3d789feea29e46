import type { z } from "zod";
import type { AuditEntryOut, AuditQuery } from "../../contracts/audit.js";
import { AppError } from "../../domain/app-error.js";
import { firstBreak, type AuditEntry } from "../../domain/audit/audit-entry.js";
import type { Principal } from "../../domain/identity/principal.js";
import type { AuditLog } from "../../ports/audit-log.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import { loadOrganizationFor } from "../organizations/load-organization.js";

type Deps = { organizations: OrganizationRepository; auditLog: AuditLog };

const present = (entry: AuditEntry): AuditEntryOut => ({ ...entry, at: entry.at.toISOString() });

/** A page of the log, newest first; the cursor is the number of the last entry shown. */
export async function listAuditLog(deps: Deps, principal: Principal, orgId: string, query: z.output<typeof AuditQuery>) {
  await loadOrganizationFor(deps.organizations, orgId, principal, "audit:read");
  const beforeSeq = query.cursor === undefined ? undefined : Number(Buffer.from(query.cursor, "base64url").toString("utf8"));
  if (beforeSeq !== undefined && !(Number.isInteger(beforeSeq) && beforeSeq > 0)) throw new AppError("validation_failed", "this cursor is not one the API gave", { field: "cursor" });
  const filter = { action: query.action, actorId: query.actorId, from: query.from ? new Date(query.from) : undefined, to: query.to ? new Date(query.to) : undefined };
  const entries = await deps.auditLog.list(orgId, filter, { limit: query.limit + 1, beforeSeq });
  const shown = entries.slice(0, query.limit);
  const next = entries.length > query.limit ? Buffer.from(String(shown.at(-1)!.seq)).toString("base64url") : null;
  return { data: shown.map(present), nextCursor: next };
}

/** Re-computes every link of the organization's chain. */
export async function verifyAuditLog(deps: Deps, principal: Principal, orgId: string) {
  await loadOrganizationFor(deps.organizations, orgId, principal, "audit:read");
  const entries = await deps.auditLog.entries(orgId);
  const broken = firstBreak(entries);
  return { valid: broken === null, checked: entries.length, broken, headHash: entries.at(-1)?.hash ?? null };
}
