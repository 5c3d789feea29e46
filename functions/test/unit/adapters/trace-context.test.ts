import { describe, expect, it } from "vitest";
import {
  childOf,
  currentTraceparent,
  formatTraceparent,
  parseCloudTraceContext,
  parseTraceparent,
  runInTrace,
  traceLogFields,
  traceOfRequest,
} from "../../../src/adapters/trace-context.js";

const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

describe("parseTraceparent", () => {
  it("reads a W3C traceparent", () => {
    expect(parseTraceparent(`00-${traceId}-00f067aa0ba902b7-01`)).toEqual({ traceId, spanId: "00f067aa0ba902b7", sampled: true });
    expect(parseTraceparent(`00-${traceId}-00f067aa0ba902b7-00`)).toMatchObject({ sampled: false });
  });

  it.each([
    ["all-zero trace id", `00-${"0".repeat(32)}-00f067aa0ba902b7-01`],
    ["all-zero span id", `00-${traceId}-${"0".repeat(16)}-01`],
    ["upper-case hex", `00-${traceId.toUpperCase()}-00f067aa0ba902b7-01`],
    ["another version", `ff-${traceId}-00f067aa0ba902b7-01`],
    ["no header", undefined],
    ["several headers", [`00-${traceId}-00f067aa0ba902b7-01`]],
  ])("refuses %s", (_, value) => {
    expect(parseTraceparent(value)).toBeUndefined();
  });
});

describe("parseCloudTraceContext", () => {
  it("reads Google's header, its decimal span id as hex", () => {
    expect(parseCloudTraceContext(`${traceId}/1;o=1`)).toEqual({ traceId, spanId: "0000000000000001", sampled: true });
    expect(parseCloudTraceContext(`${traceId.toUpperCase()}`)).toMatchObject({ traceId, sampled: false, spanId: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(parseCloudTraceContext("not-a-trace")).toBeUndefined();
  });
});

describe("traceOfRequest", () => {
  it("continues the caller's trace in a span of its own, traceparent first", () => {
    const trace = traceOfRequest({ traceparent: `00-${traceId}-00f067aa0ba902b7-01`, "x-cloud-trace-context": `${"a".repeat(32)}/5` });
    expect(trace).toMatchObject({ traceId, sampled: true });
    expect(trace.spanId).not.toBe("00f067aa0ba902b7");
    expect(traceOfRequest({ "x-cloud-trace-context": `${"a".repeat(32)}/5;o=1` })).toMatchObject({ traceId: "a".repeat(32) });
  });

  it("starts a new trace when the caller sent none, or a malformed one", () => {
    const first = traceOfRequest({});
    const second = traceOfRequest({ traceparent: "garbage" });
    expect(first.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(second.traceId).not.toBe(first.traceId);
  });
});

describe("runInTrace", () => {
  it("makes the trace current for the work and everything it awaits, and only there", async () => {
    const trace = childOf(undefined);
    expect(currentTraceparent()).toBeUndefined();
    await runInTrace(trace, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(currentTraceparent()).toBe(formatTraceparent(trace));
      expect(traceLogFields(undefined, "demo-userx")).toEqual({
        "logging.googleapis.com/trace": `projects/demo-userx/traces/${trace.traceId}`,
        "logging.googleapis.com/spanId": trace.spanId,
        "logging.googleapis.com/trace_sampled": false,
      });
    });
    expect(currentTraceparent()).toBeUndefined();
    expect(traceLogFields(undefined, "demo-userx")).toEqual({});
  });
});
