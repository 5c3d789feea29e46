import { describe, expect, it } from "vitest";
import { apiTimeoutSeconds, reservationGraceSeconds, reservationStage } from "../../../../src/domain/opportunities/reservation.js";

const at = new Date("2026-03-02T09:00:00.000Z");
const after = (seconds: number) => new Date(at.getTime() + seconds * 1_000);
const reservation = { claimId: "clm_0000000000000001", userId: "usr_0000000000000001", at };

describe("reservationStage", () => {
  it.each([
    [0, "completable"],
    [19.999, "completable"],
    [20, "settling"],
    [89.999, "settling"],
    [90, "stale"],
    [3_600, "stale"],
  ] as const)("%s s after the reservation: %s", (seconds, stage) => {
    expect(reservationStage(reservation, after(seconds))).toBe(stage);
  });

  it("lets a retry write the claim only if it ends, by the timeout, before anyone may give the place back", () => {
    const lastCompletable = [...Array(200).keys()].map((s) => s / 2).filter((s) => reservationStage(reservation, after(s)) === "completable").at(-1)!;
    expect(lastCompletable + apiTimeoutSeconds).toBeLessThan(reservationGraceSeconds);
  });
});
