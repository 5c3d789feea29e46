import { describe, expect, it } from "vitest";
import { Reward } from "../../../src/contracts/opportunities.js";

describe("money in the contracts", () => {
  it("takes amounts as integers of the currency's minor units", () => {
    expect(Reward.safeParse({ type: "cash", value: 1250, currency: "EUR" }).success).toBe(true);
    expect(Reward.safeParse({ type: "voucher", value: 1000, currency: "JPY", poolId: "vpl_0000000000000001" }).success).toBe(true);
  });

  it("refuses fractions of a minor unit, which only floating point money would need", () => {
    const parsed = Reward.safeParse({ type: "cash", value: 12.5, currency: "EUR" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["value"]);
  });

  it("refuses a code that is not an ISO 4217 currency in use", () => {
    for (const currency of ["ABC", "eur", "EURO"]) {
      const parsed = Reward.safeParse({ type: "cash", value: 100, currency });
      expect(parsed.success, currency).toBe(false);
      expect(parsed.error?.issues[0]?.path).toEqual(["currency"]);
    }
  });
});
