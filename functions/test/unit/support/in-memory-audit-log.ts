import { chained, type AuditAppend, type AuditEntry } from "../../../src/domain/audit/audit-entry.js";
import type { AuditFilter, AuditLog } from "../../../src/ports/audit-log.js";

/** The in-memory twin of adapters/mongo/audit-log.ts: one chain per organization, only appended to. */
export class InMemoryAuditLog implements AuditLog {
  readonly chains = new Map<string, AuditEntry[]>();

  async append(append: AuditAppend) {
    const chain = this.chains.get(append.orgId) ?? [];
    const entry = chained(chain.at(-1) ?? null, append);
    chain.push(entry);
    this.chains.set(append.orgId, chain);
    return structuredClone(entry);
  }

  async list(orgId: string, filter: AuditFilter, page: { limit: number; beforeSeq?: number | undefined }) {
    return (this.chains.get(orgId) ?? [])
      .filter((entry) => (filter.action === undefined || entry.action === filter.action) && (filter.actorId === undefined || entry.actor.id === filter.actorId))
      .filter((entry) => (filter.from === undefined || entry.at >= filter.from) && (filter.to === undefined || entry.at < filter.to))
      .filter((entry) => page.beforeSeq === undefined || entry.seq < page.beforeSeq)
      .reverse()
      .slice(0, page.limit)
      .map((entry) => structuredClone(entry));
  }

  async entries(orgId: string) {
    return structuredClone(this.chains.get(orgId) ?? []);
  }
}
