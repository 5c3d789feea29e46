import { describe, expect, it } from "vitest";
import { captureTimeCheck } from "../../../../src/domain/media/capture-time.js";

const hour = 60 * 60 * 1_000;
const from = new Date("2026-11-20T10:00:00Z");
const to = new Date("2026-11-20T12:00:00Z");
const at = (offsetHours: number, zoned = true) => ({ at: new Date(from.getTime() + offsetHours * hour), zoned });

describe("captureTimeCheck", () => {
  it("passes pictures taken between the claim and the submission, and forgives a camera clock a few minutes off", () => {
    expect(captureTimeCheck([{ id: "med_a", capturedAt: at(1) }, { id: "med_b", capturedAt: at(-0.1) }], { from, to }, "review")).toEqual({ name: "media_capture_time", passed: true, conclusive: true, score: 0 });
  });

  it("flags a picture taken before the claim by how many hours, for review or rejection as the opportunity says", () => {
    const review = captureTimeCheck([{ id: "med_a", capturedAt: at(-48) }], { from, to }, "review");
    expect(review).toMatchObject({ passed: false, conclusive: false, score: 48, reason: "med_a: taken 48.0 h before the claim" });
    expect(captureTimeCheck([{ id: "med_a", capturedAt: at(-48) }], { from, to }, "reject")).toMatchObject({ passed: false, conclusive: true });
    expect(captureTimeCheck([{ id: "med_a", capturedAt: at(-48) }], { from, to }, "off")).toBeNull();
  });

  it("gives a capture time without its offset 14 hours of slack, since it is some time zone's local time", () => {
    expect(captureTimeCheck([{ id: "med_a", capturedAt: at(-10, false) }], { from, to }, "review")).toMatchObject({ passed: true });
    expect(captureTimeCheck([{ id: "med_a", capturedAt: at(-20, false) }], { from, to }, "review")).toMatchObject({ passed: false, score: 20 });
    expect(captureTimeCheck([{ id: "med_a", capturedAt: at(20, false) }], { from, to }, "review")).toMatchObject({ passed: false, reason: expect.stringContaining("after the submission") });
  });

  it("passes a picture without a capture time, naming it, since a missing EXIF proves nothing", () => {
    expect(captureTimeCheck([{ id: "med_a", capturedAt: null }], { from, to }, "review")).toEqual({ name: "media_capture_time", passed: true, conclusive: true, score: 0, reason: "no capture time in med_a" });
    expect(captureTimeCheck([], { from, to }, "review")).toBeNull();
  });
});
