import { matchesAttemptFilter, type AttemptFilter, type AttemptRecord } from "../../../src/domain/webhooks/attempt-record.js";
import type { PageRequest } from "../../../src/ports/page.js";
import type { WebhookAttemptLog } from "../../../src/ports/webhook-attempt-log.js";
import { pageOf } from "./in-memory-repositories.js";

/** The in-memory twin of adapters/mongo/webhook-attempt-log.ts: insert-only, a duplicate id writes nothing. */
export class InMemoryWebhookAttemptLog implements WebhookAttemptLog {
  readonly records = new Map<string, AttemptRecord>();

  async record(record: AttemptRecord) {
    if (!this.records.has(record.id)) this.records.set(record.id, structuredClone(record));
  }

  async listByMessage(messageId: string, filter: AttemptFilter, page: PageRequest) {
    return this.list((record) => record.messageId === messageId && matchesAttemptFilter(record, filter), page);
  }

  async listByEndpoint(endpointId: string, filter: AttemptFilter, page: PageRequest) {
    return this.list((record) => record.endpointId === endpointId && matchesAttemptFilter(record, filter), page);
  }

  private list(keep: (record: AttemptRecord) => boolean, page: PageRequest) {
    return pageOf([...this.records.values()].filter(keep).map((record) => ({ ...structuredClone(record), createdAt: record.at })), page);
  }
}
