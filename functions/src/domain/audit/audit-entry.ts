import { createHash } from "node:crypto";

/**
 * One privileged action, as the audit log keeps it: who (a member or an API key), did what
 * (`api_key.revoked`), to what, from which address, in which request, with a summary of the
 * change. Entries of an organization are numbered from 1 and chained: each carries the hash of
 * the one before, and its own hash covers every field and that link, so editing an entry breaks
 * its hash and deleting one breaks the numbering and the next entry's link.
 */
export interface AuditEntry {
  orgId: string;
  seq: number;
  at: Date;
  actor: { kind: "user" | "api_key"; id: string };
  action: string;
  target: { type: string; id: string } | null;
  clientAddress: string;
  requestId: string;
  summary: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export type AuditAppend = Omit<AuditEntry, "seq" | "prevHash" | "hash">;

/** The chain's start: what the first entry of every organization links to. */
export const genesisHash = "0".repeat(64);

/** The entry `append` becomes after `last` (null for the organization's first). */
export function chained(last: Pick<AuditEntry, "seq" | "hash"> | null, append: AuditAppend): AuditEntry {
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? genesisHash;
  const unsigned = { ...append, seq, prevHash };
  return { ...unsigned, hash: hashOf(unsigned) };
}

/** Where the chain breaks, if it does: the first entry edited, missing or out of line, and why. */
export function firstBreak(entries: readonly AuditEntry[]): { seq: number; reason: "edited" | "missing" | "relinked" } | null {
  let previous: AuditEntry | null = null;
  for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
    const expectedSeq = (previous?.seq ?? 0) + 1;
    if (entry.seq !== expectedSeq) return { seq: expectedSeq, reason: "missing" };
    if (entry.prevHash !== (previous?.hash ?? genesisHash)) return { seq: entry.seq, reason: "relinked" };
    const { hash, ...unsigned } = entry;
    if (hashOf(unsigned) !== hash) return { seq: entry.seq, reason: "edited" };
    previous = entry;
  }
  return null;
}

function hashOf(entry: Omit<AuditEntry, "hash">): string {
  return createHash("sha256").update(canonicalJson({ ...entry, at: entry.at.toISOString() })).digest("hex");
}

/** JSON with every object's keys sorted, so that the same entry always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const fields = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${fields.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

const redactedField = /secret|token|password|key$|^headers$|authorization/i;

/**
 * What of a request body an entry keeps: its fields, with any that could hold a credential (a
 * secret, a token, a receiver's custom headers) replaced by "[redacted]", and long text cut.
 */
export function summaryOf(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return {};
  return Object.fromEntries(Object.entries(body as Record<string, unknown>).map(([name, value]) => [name, redactedField.test(name) ? "[redacted]" : shortened(value)]));
}

function shortened(value: unknown): unknown {
  if (typeof value === "string") return value.length > 200 ? `${value.slice(0, 200)}…` : value;
  const text = JSON.stringify(value);
  return text !== undefined && text.length > 500 ? `${text.slice(0, 500)}…` : value;
}
