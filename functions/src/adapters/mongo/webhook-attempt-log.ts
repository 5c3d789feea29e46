import type { Db, Filter } from "mongodb";
import { z } from "zod";
import { AttemptRecord, type AttemptFilter } from "../../domain/webhooks/attempt-record.js";
import type { WebhookAttemptLog } from "../../ports/webhook-attempt-log.js";
import { classified } from "./errors.js";
import { insertIfAbsent } from "./insert-if-absent.js";
import { findPage } from "./keyset-page.js";
import { parseDocument } from "./parse-document.js";

/** A record of `webhook_attempts`; `createdAt` is the attempt's time, the order its lists are paged in. */
export const AttemptDocument = AttemptRecord.omit({ id: true }).extend({ _id: z.string(), createdAt: z.date() });
export type AttemptDocument = z.infer<typeof AttemptDocument>;

export const webhookAttemptsCollection = (db: Db) => db.collection<AttemptDocument>("webhook_attempts");

/** The attempt log in its own insert-only collection: appending never rewrites a large document. */
export function mongoWebhookAttemptLog(db: Db): WebhookAttemptLog {
  const attempts = webhookAttemptsCollection(db);
  const toRecord = (document: unknown) => {
    const { _id, ...fields } = parseDocument(AttemptDocument, "webhook_attempts", document);
    return { id: _id, ...fields };
  };
  return {
    record: ({ id, ...fields }) =>
      classified(async () => {
        await insertIfAbsent(attempts, { _id: id, ...fields, createdAt: fields.at });
      }),
    listByMessage: (messageId, filter, page) => classified(() => findPage(attempts, { messageId, ...filterOf(filter) }, page, toRecord)),
    listByEndpoint: (endpointId, filter, page) => classified(() => findPage(attempts, { endpointId, ...filterOf(filter) }, page, toRecord)),
  };
}

function filterOf(filter: AttemptFilter): Filter<AttemptDocument> {
  const range = { ...(filter.since ? { $gte: filter.since } : {}), ...(filter.until ? { $lt: filter.until } : {}) };
  return {
    ...(filter.outcome ? { outcome: filter.outcome } : {}),
    ...(filter.statusClass ? { statusClass: filter.statusClass } : {}),
    ...(filter.eventType ? { eventType: filter.eventType } : {}),
    ...(filter.since || filter.until ? { createdAt: range } : {}),
  };
}
