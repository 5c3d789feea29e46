import { describe, expect, it } from "vitest";
import { decideSend, sendingLeaseMs, type Notification } from "../../../../src/domain/notifications/notification.js";

const claimedAt = new Date("2026-03-02T09:00:00.000Z");
const record = (state: Notification["state"]): Notification => ({ id: "evt_1:usr_1", eventId: "evt_1", userId: "usr_1", eventType: "claim.created.v1", state, claimedAt, attempts: 1, settledAt: null, detail: null });
const after = (ms: number) => new Date(claimedAt.getTime() + ms);

describe("decideSend", () => {
  it("claims an email no delivery has claimed", () => {
    expect(decideSend(null, claimedAt)).toBe("claim");
  });

  it.each(["sent", "refused", "skipped"] as const)("sends nothing once the email is %s, however late", (state) => {
    expect(decideSend(record(state), after(0))).toBe("done");
    expect(decideSend(record(state), after(10 * sendingLeaseMs))).toBe("done");
  });

  it("waits on a claim still within its lease: its delivery may be sending now", () => {
    expect(decideSend(record("sending"), after(0))).toBe("wait");
    expect(decideSend(record("sending"), after(sendingLeaseMs - 1))).toBe("wait");
  });

  it("takes over a claim past its lease: its delivery died between claiming and recording", () => {
    expect(decideSend(record("sending"), after(sendingLeaseMs))).toBe("take_over");
  });
});
