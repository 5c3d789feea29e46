import type { AuditAppend, AuditEntry } from "../domain/audit/audit-entry.js";

export interface AuditFilter {
  action?: string | undefined;
  actorId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

/** Each organization's chain of audit entries, only ever appended to (domain/audit/audit-entry.ts). */
export interface AuditLog {
  /** Appends after the organization's last entry; racing appends each get their own number. */
  append(entry: AuditAppend): Promise<AuditEntry>;
  /** Newest first, at most `limit`, before the entry numbered `beforeSeq` when given. */
  list(orgId: string, filter: AuditFilter, page: { limit: number; beforeSeq?: number | undefined }): Promise<AuditEntry[]>;
  /** Every entry of the organization, in order: what verification reads. */
  entries(orgId: string): Promise<AuditEntry[]>;
}
