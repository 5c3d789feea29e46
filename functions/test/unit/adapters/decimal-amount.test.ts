import { describe, expect, it } from "vitest";
import { decimalAmount } from "../../../src/adapters/payouts/decimal-amount.js";

describe("decimalAmount", () => {
  it.each([
    [1250, "EUR", "12.50"],
    [5, "USD", "0.05"],
    [0, "USD", "0.00"],
    [1250, "JPY", "1250"],
    [12345, "BHD", "12.345"],
    [10_000_000_000, "EUR", "100000000.00"],
  ])("%i minor units of %s are %s", (minor, currency, decimal) => {
    expect(decimalAmount(minor, currency)).toBe(decimal);
    // Parsed once for the provider's JSON, it writes back as the same decimal.
    expect(Number(decimal).toFixed(decimal.split(".")[1]?.length ?? 0)).toBe(decimal);
  });

  it("refuses what is not a whole number of minor units", () => {
    expect(() => decimalAmount(12.5, "EUR")).toThrow(RangeError);
    expect(() => decimalAmount(-1, "EUR")).toThrow(RangeError);
  });
});
