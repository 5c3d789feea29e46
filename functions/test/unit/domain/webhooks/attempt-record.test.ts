import { describe, expect, it } from "vitest";
import { attemptRecordOf, attemptRecordsOf, matchesAttemptFilter, statusClassOf } from "../../../../src/domain/webhooks/attempt-record.js";
import { messageFor, withAttempt } from "../../../../src/domain/webhooks/webhook-message.js";
import { domainEvent } from "../../../../src/domain/events/domain-event.js";

const at = new Date("2026-03-01T10:00:00Z");
const event = domainEvent("opportunity.published.v1", "org_AcmeResearch000001", { opportunityId: "opp_0000000000000001" }, "evt_0000000000000001", at);

describe("the attempt log's records", () => {
  it("classes an answer by its status, and no answer as a timeout or a network failure", () => {
    expect([204, 302, 410, 503].map((status) => statusClassOf(status, undefined))).toEqual(["2xx", "3xx", "4xx", "5xx"]);
    expect(statusClassOf(null, "UND_ERR_HEADERS_TIMEOUT")).toBe("timeout");
    expect(statusClassOf(null, "TimeoutError")).toBe("timeout");
    expect(statusClassOf(null, "ECONNREFUSED")).toBe("network");
    expect(statusClassOf(null, "destination_refused")).toBe("network");
  });

  it("numbers a message's attempts from 1 with ids fixed by the message and the number, manual ones counted", () => {
    let message = messageFor(event, "whe_0000000000000001", at);
    message = withAttempt(message, { at, status: 500, latencyMs: 12, responseExcerpt: "boom" }, false);
    message = withAttempt(message, { at: new Date(at.getTime() + 5_000), status: 200, latencyMs: 8, trigger: "manual" }, true);
    const records = attemptRecordsOf(message);
    expect(records.map((r) => [r.number, r.outcome, r.statusClass, r.trigger, r.responseExcerpt])).toEqual([
      [1, "failed", "5xx", "scheduled", "boom"],
      [2, "succeeded", "2xx", "manual", null],
    ]);
    expect(records[0]!.id).toBe(attemptRecordOf(message, message.attempts[0]!, 1).id);
    expect(records[0]!.id).not.toBe(records[1]!.id);
    expect(records[0]).toMatchObject({ messageId: message.id, endpointId: "whe_0000000000000001", orgId: event.orgId, eventType: "opportunity.published.v1" });
  });

  it("filters on every field given, the time range half-open", () => {
    const message = withAttempt(messageFor(event, "whe_0000000000000001", at), { at, status: 429, latencyMs: 3 }, false);
    const [record] = attemptRecordsOf(message);
    expect(matchesAttemptFilter(record!, {})).toBe(true);
    expect(matchesAttemptFilter(record!, { outcome: "failed", statusClass: "4xx", eventType: "opportunity.published.v1", since: at })).toBe(true);
    expect(matchesAttemptFilter(record!, { until: at })).toBe(false);
    expect(matchesAttemptFilter(record!, { statusClass: "5xx" })).toBe(false);
    expect(matchesAttemptFilter(record!, { eventType: "claim.completed.v1" })).toBe(false);
    expect(matchesAttemptFilter(record!, { outcome: "succeeded" })).toBe(false);
  });
});
