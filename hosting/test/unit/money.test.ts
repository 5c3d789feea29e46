import { describe, expect, it } from "vitest";
import { amountText, decimalOf, formatAmount, minorUnitDigits, parseAmount, toMinorUnits } from "../../src/lib/money";

describe("money in minor units", () => {
  it("knows each currency's minor unit", () => {
    expect([minorUnitDigits("EUR"), minorUnitDigits("JPY"), minorUnitDigits("BHD"), minorUnitDigits("E")]).toEqual([2, 0, 3, 2]);
  });

  it("reads decimal text digit by digit, never through a float", () => {
    expect(toMinorUnits("0.29", "EUR")).toBe(29);
    expect(toMinorUnits("12.5", "EUR")).toBe(1250);
    expect(toMinorUnits("1.005", "BHD")).toBe(1005);
    expect(toMinorUnits("1200", "JPY")).toBe(1200);
  });

  it("refuses what the currency cannot hold", () => {
    expect([toMinorUnits("1.5", "JPY"), toMinorUnits("1.001", "EUR"), toMinorUnits("-1", "EUR"), toMinorUnits("1e3", "EUR"), toMinorUnits("", "EUR")]).toEqual([null, null, null, null, null]);
  });

  it("writes minor units back as exact decimal text", () => {
    expect([decimalOf(29, "EUR"), decimalOf(5, "EUR"), decimalOf(123456, "EUR"), decimalOf(1200, "JPY"), decimalOf(-250, "EUR")]).toEqual(["0.29", "0.05", "1234.56", "1200", "-2.50"]);
  });

  it("treats points and money alike as amounts in a unit", () => {
    expect([amountText(1200, "points"), amountText(1250, "EUR")]).toEqual(["1200", "12.50"]);
    expect([parseAmount("1200", "points"), parseAmount("1.5", "points"), parseAmount("12.50", "EUR")]).toEqual([1200, null, 1250]);
    expect(formatAmount(1250, "EUR")).toMatch(/12[.,]50/);
    expect(formatAmount(1200, "points")).toMatch(/^1.?200 points$/);
  });
});
