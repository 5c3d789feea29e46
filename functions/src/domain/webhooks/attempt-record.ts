import { z } from "zod";
import { isTimeout } from "./retry-schedule.js";
import { isSuccessStatus, type WebhookAttempt, type WebhookMessage } from "./webhook-message.js";

/**
 * What kind of answer an attempt got, for filtering the log: the class of its HTTP status, or
 * `timeout` when the endpoint did not answer in time, or `network` when there was no answer at
 * all (refused connection, DNS, a refused destination).
 */
export const StatusClass = z.enum(["2xx", "3xx", "4xx", "5xx", "timeout", "network"]);
export type StatusClass = z.infer<typeof StatusClass>;

/**
 * One attempt to deliver one message, as the attempt log keeps it: written once, never changed.
 * Its id derives from the message and the attempt's place in it, so recording the same attempt
 * again (a task run twice after a crash) writes nothing new.
 */
export const AttemptRecord = z.object({
  id: z.string(),
  orgId: z.string(),
  endpointId: z.string(),
  messageId: z.string(),
  eventType: z.string(),
  /** 1 for the message's first attempt, counting manual ones too. */
  number: z.number().int().min(1),
  at: z.date(),
  outcome: z.enum(["succeeded", "failed"]),
  statusClass: StatusClass,
  responseStatus: z.number().int().nullable(),
  latencyMs: z.number().min(0),
  /** At most the first 4 KB of the answer's body (the sender reads no more). */
  responseExcerpt: z.string().nullable(),
  error: z.string().nullable(),
  trigger: z.enum(["scheduled", "manual"]),
  /** An attempt of a test message ("send a test event"); absent on records written before it existed. */
  test: z.boolean().default(false),
});
export type AttemptRecord = z.infer<typeof AttemptRecord>;

/** The filters of an attempt list; every one optional, all of them must hold. */
export interface AttemptFilter {
  outcome?: AttemptRecord["outcome"];
  statusClass?: StatusClass;
  eventType?: string;
  since?: Date;
  until?: Date;
}

export function statusClassOf(status: number | null, error: string | undefined): StatusClass {
  if (status === null) return isTimeout(error) ? "timeout" : "network";
  if (status < 300) return "2xx";
  if (status < 400) return "3xx";
  if (status < 500) return "4xx";
  return "5xx";
}

export const attemptRecordId = (messageId: string, number: number): string => `${messageId.replace(/^msg_/, "watt_")}_${String(number).padStart(3, "0")}`;

/** The log's record of the message's `number`-th attempt (1-based). */
export function attemptRecordOf(message: WebhookMessage, attempt: WebhookAttempt, number: number): AttemptRecord {
  return {
    id: attemptRecordId(message.id, number),
    orgId: message.orgId,
    endpointId: message.endpointId,
    messageId: message.id,
    eventType: message.eventType,
    number,
    at: attempt.at,
    outcome: isSuccessStatus(attempt.status) ? "succeeded" : "failed",
    statusClass: statusClassOf(attempt.status, attempt.error),
    responseStatus: attempt.status,
    latencyMs: attempt.latencyMs,
    responseExcerpt: attempt.responseExcerpt ?? null,
    error: attempt.error ?? null,
    trigger: attempt.trigger,
    test: message.test,
  };
}

/** Every attempt the message holds, as log records. */
export const attemptRecordsOf = (message: WebhookMessage): AttemptRecord[] => message.attempts.map((attempt, index) => attemptRecordOf(message, attempt, index + 1));

export function matchesAttemptFilter(record: AttemptRecord, filter: AttemptFilter): boolean {
  return (
    (filter.outcome === undefined || record.outcome === filter.outcome) &&
    (filter.statusClass === undefined || record.statusClass === filter.statusClass) &&
    (filter.eventType === undefined || record.eventType === filter.eventType) &&
    (filter.since === undefined || record.at >= filter.since) &&
    (filter.until === undefined || record.at < filter.until)
  );
}
