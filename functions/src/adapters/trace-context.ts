import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import { traceContext as functionsTraceContext } from "firebase-functions/v2";

/**
 * The trace a piece of work belongs to (W3C Trace Context): one trace id from the request that
 * started it, through the events and tasks it caused, and a span id per hop. Cloud Logging groups
 * every entry that names the trace (`logging.googleapis.com/trace`), so one request's HTTP
 * function, subscribers and webhook deliveries read as one story.
 */
export interface TraceContext {
  traceId: string;
  spanId: string;
  sampled: boolean;
}

const storage = new AsyncLocalStorage<TraceContext>();

const traceparentPattern = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
// X-Cloud-Trace-Context: TRACE_ID/SPAN_ID;o=OPTIONS, the span id in decimal (Google's front ends set it).
const cloudTracePattern = /^([0-9a-f]{32})(?:\/(\d{1,20}))?(?:;o=([01]))?$/i;
const allZeros = /^0+$/;

/** A W3C `traceparent` header, or undefined when it is not one (an all-zero id is invalid). */
export function parseTraceparent(value: unknown): TraceContext | undefined {
  const match = typeof value === "string" ? traceparentPattern.exec(value.trim()) : null;
  if (!match || allZeros.test(match[1]!) || allZeros.test(match[2]!)) return undefined;
  return { traceId: match[1]!, spanId: match[2]!, sampled: (parseInt(match[3]!, 16) & 1) === 1 };
}

/** An `X-Cloud-Trace-Context` header, or undefined when it is not one. */
export function parseCloudTraceContext(value: unknown): TraceContext | undefined {
  const match = typeof value === "string" ? cloudTracePattern.exec(value.trim()) : null;
  if (!match || allZeros.test(match[1]!)) return undefined;
  const span = match[2] ? BigInt(match[2]).toString(16).padStart(16, "0").slice(-16) : newSpanId();
  return { traceId: match[1]!.toLowerCase(), spanId: allZeros.test(span) ? newSpanId() : span, sampled: match[3] === "1" };
}

/** The next hop of `parent`'s trace (a span of its own), or the first hop of a new trace. */
export function childOf(parent: TraceContext | undefined): TraceContext {
  return parent ? { ...parent, spanId: newSpanId() } : { traceId: randomBytes(16).toString("hex"), spanId: newSpanId(), sampled: false };
}

/** The trace a request continues: its `traceparent`, else Google's `X-Cloud-Trace-Context`, else a new one. */
export function traceOfRequest(headers: Record<string, string | string[] | undefined>): TraceContext {
  return childOf(parseTraceparent(headers["traceparent"]) ?? parseCloudTraceContext(headers["x-cloud-trace-context"]));
}

export const formatTraceparent = ({ traceId, spanId, sampled }: TraceContext): string => `00-${traceId}-${spanId}-${sampled ? "01" : "00"}`;

/**
 * Runs `work` as a hop of `trace`: logs, events written and tasks enqueued meanwhile carry it.
 * firebase-functions' logger files every entry under the trace of its own store (which it fills
 * from the request or the Pub/Sub message it received), so the hop is set there too: otherwise a
 * subscriber's entries would go under the message's trace rather than the event's.
 */
export const runInTrace = <T>(trace: TraceContext, work: () => T): T =>
  functionsTraceContext.run({ version: "00", traceId: trace.traceId, parentId: trace.spanId, sample: trace.sampled }, () => storage.run(trace, work));

export const currentTrace = (): TraceContext | undefined => storage.getStore();

/** The `traceparent` of the current hop, for what it causes next (an event, a task); undefined outside any. */
export function currentTraceparent(): string | undefined {
  const trace = currentTrace();
  return trace && formatTraceparent(trace);
}

/** The fields Cloud Logging reads to file a structured entry under its trace and span. */
export function traceLogFields(trace = currentTrace(), project = process.env["GCLOUD_PROJECT"]): Record<string, string | boolean> {
  if (!trace || !project) return {};
  return {
    "logging.googleapis.com/trace": `projects/${project}/traces/${trace.traceId}`,
    "logging.googleapis.com/spanId": trace.spanId,
    "logging.googleapis.com/trace_sampled": trace.sampled,
  };
}

const newSpanId = (): string => {
  const id = randomBytes(8).toString("hex");
  return allZeros.test(id) ? newSpanId() : id;
};
