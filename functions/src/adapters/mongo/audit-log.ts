import type { Db, Filter } from "mongodb";
import { z } from "zod";
import { AppError } from "../../domain/app-error.js";
import { chained, type AuditEntry } from "../../domain/audit/audit-entry.js";
import type { AuditFilter, AuditLog } from "../../ports/audit-log.js";
import { classified, isDuplicateKeyError } from "./errors.js";
import { parseDocument } from "./parse-document.js";

// Insert-only: an entry's `_id` is its organization and number, so of two racing appends one takes
// the number and the other reads the new last entry and tries the next (as the points ledger does).

const AuditDocument = z.object({
  _id: z.string(),
  orgId: z.string(),
  seq: z.number().int().min(1),
  at: z.date(),
  actor: z.object({ kind: z.enum(["user", "api_key"]), id: z.string() }),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string() }).nullable(),
  clientAddress: z.string(),
  requestId: z.string(),
  summary: z.record(z.string(), z.unknown()),
  prevHash: z.string(),
  hash: z.string(),
});
type AuditDocument = z.infer<typeof AuditDocument>;

export const auditLogCollection = (db: Db) => db.collection<AuditDocument>("audit_log");

const entryId = (orgId: string, seq: number) => `${orgId}:${String(seq).padStart(10, "0")}`;
const maxAttempts = 100;

export function mongoAuditLog(db: Db): AuditLog {
  const log = auditLogCollection(db);
  const toEntry = (document: unknown): AuditEntry => {
    const { _id: _ignored, ...entry } = parseDocument(AuditDocument, "audit_log", document);
    return entry;
  };
  const last = async (orgId: string) => {
    const [document] = await log.find({ orgId }).sort({ seq: -1 }).limit(1).toArray();
    return document ? toEntry(document) : null;
  };
  return {
    append: (append) =>
      classified(async () => {
        for (let attempt = 1; attempt <= maxAttempts; attempt++) {
          const entry = chained(await last(append.orgId), append);
          try {
            await log.insertOne({ _id: entryId(entry.orgId, entry.seq), ...entry });
            return entry;
          } catch (error) {
            if (!isDuplicateKeyError(error)) throw error;
            await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, attempt * 2)));
          }
        }
        throw new AppError("unavailable", "the audit log is busy; try again");
      }),

    list: (orgId, filter, page) =>
      classified(async () => {
        const query: Filter<AuditDocument> = { orgId, ...filterOf(filter), ...(page.beforeSeq !== undefined ? { seq: { $lt: page.beforeSeq } } : {}) };
        return (await log.find(query).sort({ seq: -1 }).limit(page.limit).toArray()).map(toEntry);
      }),

    entries: (orgId) => classified(async () => (await log.find({ orgId }).sort({ seq: 1 }).toArray()).map(toEntry)),
  };
}

function filterOf(filter: AuditFilter): Filter<AuditDocument> {
  const at = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
  return {
    ...(filter.action ? { action: filter.action } : {}),
    ...(filter.actorId ? { "actor.id": filter.actorId } : {}),
    ...(Object.keys(at).length > 0 ? { at } : {}),
  };
}
