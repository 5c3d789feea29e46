import type { AttemptFilter, AttemptRecord } from "../domain/webhooks/attempt-record.js";
import type { PageOf, PageRequest } from "./page.js";

/** Every attempt to deliver a webhook message, insert-only: a record is written once and never changed. */
export interface WebhookAttemptLog {
  /** Stores the record unless one with its id is stored already (the same attempt recorded again). */
  record(record: AttemptRecord): Promise<void>;
  /** A message's attempts matching `filter`, by time. */
  listByMessage(messageId: string, filter: AttemptFilter, page: PageRequest): Promise<PageOf<AttemptRecord & { createdAt: Date }>>;
  /** An endpoint's attempts matching `filter`, by time. */
  listByEndpoint(endpointId: string, filter: AttemptFilter, page: PageRequest): Promise<PageOf<AttemptRecord & { createdAt: Date }>>;
}
