import { describe, expect, it } from "vitest";
import { changedPayoutDetails, newPayoutDetails, PayoutDetails } from "../../../../src/domain/payouts/payout-details.js";

const now = new Date("2026-03-02T09:00:00.000Z");
const userId = "usr_0123456789abcdefABCDEF";

describe("payout details", () => {
  it("are read back from a stored document, which carries the store's own fields (its outbox)", () => {
    const details = newPayoutDetails(userId, { name: "Alice", email: "alice@example.com" }, now);
    expect(PayoutDetails.parse({ ...details, outbox: [] })).toEqual(details);
  });

  it("change name and email, keeping when they were first given", () => {
    const later = new Date("2026-03-03T09:00:00.000Z");
    const changed = changedPayoutDetails(newPayoutDetails(userId, { name: "Alice", email: "alice@example.com" }, now), { name: "Alice M.", email: "am@example.com" }, later);
    expect(changed).toMatchObject({ id: userId, name: "Alice M.", email: "am@example.com", createdAt: now, updatedAt: later });
  });
});
