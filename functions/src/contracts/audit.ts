import { z } from "zod";
import { OrgId, PageQuery, Timestamp, page } from "./common.js";
import { defineRoute } from "./route.js";

// The audit log: every privileged action of an organization (routes that declare `audit`), in a
// hash chain per organization that a verification re-computes (domain/audit/audit-entry.ts).

export const AuditEntryOut = z
  .object({
    orgId: OrgId,
    seq: z.number().int(),
    at: Timestamp,
    actor: z.object({ kind: z.enum(["user", "api_key"]), id: z.string() }),
    action: z.string(),
    target: z.object({ type: z.string(), id: z.string() }).nullable(),
    clientAddress: z.string(),
    requestId: z.string(),
    /** The request's fields, with any that could hold a credential redacted. */
    summary: z.record(z.string(), z.unknown()),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: "AuditEntry" });
export type AuditEntryOut = z.infer<typeof AuditEntryOut>;

export const AuditQuery = PageQuery.extend({
  action: z.string().regex(/^[a-z_]+\.[a-z_]+$/).optional(),
  actorId: z.string().min(1).max(64).optional(),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
});

export const AuditVerificationOut = z
  .object({
    valid: z.boolean(),
    /** Entries re-computed. */
    checked: z.number().int(),
    /** The first entry edited, missing (by its number) or linked to another than its predecessor; null when the chain holds. */
    broken: z.object({ seq: z.number().int(), reason: z.enum(["edited", "missing", "relinked"]) }).nullable(),
    /** The last entry's hash: kept elsewhere, it lets a later verification notice entries cut from the end. */
    headHash: z.string().nullable(),
  })
  .meta({ id: "AuditVerification" });

const ByOrg = z.strictObject({ orgId: OrgId });

export const auditRoutes = {
  listAuditLog: defineRoute({
    operationId: "listAuditLog",
    method: "GET",
    path: "/v1/organizations/{orgId}/audit-log",
    summary: "The organization's audit log, newest first: who did which privileged action, to what, from where (owners and admins)",
    tag: "Audit",
    auth: { kind: "user" },
    params: ByOrg,
    query: AuditQuery,
    response: { status: 200, schema: page(AuditEntryOut) },
  }),
  verifyAuditLog: defineRoute({
    operationId: "verifyAuditLog",
    method: "GET",
    path: "/v1/organizations/{orgId}/audit-log/verification",
    summary: "Re-computes the organization's audit chain and says whether any entry was edited or removed (owners and admins)",
    tag: "Audit",
    auth: { kind: "user" },
    params: ByOrg,
    response: { status: 200, schema: AuditVerificationOut },
  }),
} as const;
