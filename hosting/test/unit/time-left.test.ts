import { describe, expect, it } from "vitest";
import { formatTimeLeft } from "../../src/features/claims/time-left";

const second = 1_000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

describe("formatTimeLeft", () => {
  it.each([
    [45 * second, "45 sec"],
    [4 * minute + 9 * second, "4 min, 9 sec"],
    [2 * hour + 5 * second, "2 hr, 0 min, 5 sec"],
    [2 * hour + 3 * minute + 5 * second, "2 hr, 3 min, 5 sec"],
    [3 * day + 2 * hour + 30 * minute + 59 * second, "3 days, 2 hr, 30 min"],
    [0, "0 sec"],
  ])("%d ms is %s in English", (ms, text) => {
    expect(formatTimeLeft(ms, "en")).toBe(text);
  });

  it("rounds a part of a second up, so the count never shows 0 while time is left", () => {
    expect(formatTimeLeft(300, "en")).toBe("1 sec");
  });

  it("speaks the reader's language", () => {
    expect(formatTimeLeft(4 * minute + 9 * second, "de")).toBe("4 Min., 9 Sek.");
  });
});
