import { describe, expect, it } from "vitest";
import { WebhookPayload, type EventOf } from "../../../../src/contracts/events.js";
import { deferred, isStalled, messageFor, messageIdFor, withAttempt } from "../../../../src/domain/webhooks/webhook-message.js";

const now = new Date("2026-03-02T09:00:00.000Z");
const later = new Date("2026-03-02T09:00:05.000Z");
const event: EventOf<"claim.created.v1"> = {
  id: "evt_0000000000000001",
  type: "claim.created.v1",
  version: 1,
  orgId: "org_0000000000000001",
  occurredAt: now.toISOString(),
  data: { claimId: "clm_0000000000000001", opportunityId: "opp_0000000000000001", userId: "usr_0000000000000001" },
};
const endpointId = "whe_0000000000000001";

describe("messageFor", () => {
  const message = messageFor(event, endpointId, now);

  it("is pending, with no attempt, under an id derived from the event and the endpoint", () => {
    expect(message).toMatchObject({ id: messageIdFor(event.id, endpointId), status: "pending", attempts: [], deliveredAt: null, version: 1 });
    expect(messageFor(event, endpointId, later).id).toBe(message.id);
    expect(messageFor(event, "whe_0000000000000002", now).id).not.toBe(message.id);
  });

  it("carries the event as a versioned webhook payload", () => {
    expect(WebhookPayload.parse(JSON.parse(message.payload))).toEqual({
      type: "claim.created.v1",
      timestamp: event.occurredAt,
      data: { id: event.id, version: 1, orgId: event.orgId, ...event.data },
    });
  });
});

describe("withAttempt", () => {
  const pending = messageFor(event, endpointId, now);
  const failed = { at: now, status: 500, latencyMs: 12, trigger: "scheduled" as const, nextDelayMs: null };
  const succeeded = { at: later, status: 204, latencyMs: 8, trigger: "scheduled" as const, nextDelayMs: null };

  it("logs a failed attempt and stays pending", () => {
    expect(withAttempt(pending, failed, false)).toEqual({ ...pending, attempts: [failed] });
  });

  it("logs a successful attempt and is delivered at its time", () => {
    expect(withAttempt(withAttempt(pending, failed, false), succeeded, true)).toEqual({ ...pending, attempts: [failed, succeeded], status: "delivered", deliveredAt: later, lastActivityAt: later });
  });

  it("stays delivered, at its first delivery, whatever attempt comes after", () => {
    const delivered = withAttempt(pending, succeeded, true);
    const after = { at: new Date("2026-03-02T09:01:00.000Z"), status: 500, latencyMs: 3, trigger: "scheduled" as const, nextDelayMs: null };
    expect(withAttempt(delivered, after, false)).toEqual({ ...delivered, attempts: [succeeded, after], lastActivityAt: after.at });
    expect(withAttempt(delivered, { ...after, status: 200 }, true).deliveredAt).toEqual(later);
  });
});

describe("isStalled", () => {
  const pending = messageFor(event, endpointId, now);

  it("holds for a pending message nothing happened to since the time given, by its last activity", () => {
    expect(isStalled(pending, later)).toBe(true);
    expect(isStalled(pending, now)).toBe(false);
    expect(isStalled(deferred(pending, later), later)).toBe(false);
    expect(isStalled(withAttempt(pending, { at: later, status: 500, latencyMs: 1 }, false), later)).toBe(false);
    expect(isStalled(withAttempt(pending, { at: now, status: 204, latencyMs: 1 }, true), later)).toBe(false);
  });

  it("does not hold for a message waiting for its next scheduled attempt after the time given", () => {
    const waiting = { ...withAttempt(pending, { at: now, status: 500, latencyMs: 1 }, false), nextAttemptAt: new Date("2026-03-02T12:00:00.000Z") };
    expect(isStalled(waiting, later)).toBe(false);
    expect(isStalled(waiting, new Date("2026-03-02T12:00:01.000Z"))).toBe(true);
    expect(isStalled({ ...waiting, status: "failed" }, new Date("2026-03-02T12:00:01.000Z"))).toBe(false);
  });

  it("falls back on the last attempt, then the creation, for a message stored before it had a last activity", () => {
    const { lastActivityAt: _, ...legacy } = withAttempt(pending, { at: later, status: 500, latencyMs: 1 }, false);
    expect(isStalled(legacy, later)).toBe(false);
    expect(isStalled(legacy, new Date(later.getTime() + 1))).toBe(true);
  });
});
