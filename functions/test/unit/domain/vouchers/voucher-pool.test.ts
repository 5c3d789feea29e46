import { describe, expect, it } from "vitest";
import { lowStockChange, maskedCode, newVoucherPool, stockOf } from "../../../../src/domain/vouchers/voucher-pool.js";

const now = new Date("2026-03-02T09:00:00.000Z");
const pool = newVoucherPool({ orgId: "org_0000000000000001", name: "Coffee", redemptionInstructions: "", lowStockThreshold: 10 }, "vpl_0000000000000001", now);

describe("voucher pool", () => {
  it("starts empty, with the next number 1 and the alert armed", () => {
    expect(pool).toMatchObject({ lastNumber: 0, nextNumber: 1, untaken: 0, returned: [], added: 0, allocated: 0, lowStockAlerted: false });
    expect(stockOf(pool)).toEqual({ added: 0, allocated: 0, available: 0 });
  });

  it("raises the low-stock alert once at the threshold and re-arms it above", () => {
    expect(lowStockChange({ ...pool, added: 100, allocated: 89 })).toBeNull();
    expect(lowStockChange({ ...pool, added: 100, allocated: 90 })).toBe("raise");
    expect(lowStockChange({ ...pool, added: 100, allocated: 95, lowStockAlerted: true })).toBeNull();
    expect(lowStockChange({ ...pool, added: 200, allocated: 95, lowStockAlerted: true })).toBe("rearm");
  });

  it("masks a code but for its separators and last three characters", () => {
    expect(maskedCode("BREW-1234-ABCD")).toBe("••••-••••-•BCD");
    expect(maskedCode("XYZ")).toBe("XYZ");
  });
});
