import { describe, expect, it } from "vitest";
import { isFinalCheck, longestTaskDelaySeconds, nextExpiryCheck } from "../../../../src/domain/opportunities/expiry-check.js";

const now = new Date("2026-03-02T09:00:00.000Z");
const id = "opp_0000000000000001";

describe("nextExpiryCheck", () => {
  it("checks at the expiry itself when Cloud Tasks can schedule that far", () => {
    const expiresAt = new Date("2026-03-20T00:00:00.000Z");
    const check = nextExpiryCheck(id, expiresAt, now);
    expect(check).toEqual({ opportunityId: id, expiresAt, checkAt: expiresAt, taskName: `opportunity-expiry-${id}-${expiresAt.getTime()}-${expiresAt.getTime()}` });
    expect(isFinalCheck(check)).toBe(true);
  });

  it("hops toward an expiry further than 29 days, from the start of the day, so a retry the same day names the same task", () => {
    const expiresAt = new Date("2026-06-01T00:00:00.000Z");
    const first = nextExpiryCheck(id, expiresAt, now);
    expect(first.checkAt).toEqual(new Date("2026-03-31T00:00:00.000Z"));
    expect(first.checkAt.getTime() - now.getTime()).toBeLessThanOrEqual(longestTaskDelaySeconds * 1_000);
    expect(isFinalCheck(first)).toBe(false);
    expect(nextExpiryCheck(id, expiresAt, new Date("2026-03-02T23:59:59.000Z")).taskName).toBe(first.taskName);
    const second = nextExpiryCheck(id, expiresAt, first.checkAt);
    expect(second.checkAt).toEqual(new Date("2026-04-29T00:00:00.000Z"));
    const third = nextExpiryCheck(id, expiresAt, second.checkAt);
    expect(third.checkAt).toEqual(new Date("2026-05-28T00:00:00.000Z"));
    expect(nextExpiryCheck(id, expiresAt, third.checkAt)).toMatchObject({ checkAt: expiresAt });
  });

  it("names a new task for a new expiry", () => {
    expect(nextExpiryCheck(id, new Date("2026-03-20T00:00:00.000Z"), now).taskName).not.toBe(nextExpiryCheck(id, new Date("2026-03-21T00:00:00.000Z"), now).taskName);
  });

  it("makes names Cloud Tasks accepts: letters, digits, hyphens and underscores, at most 500", () => {
    expect(nextExpiryCheck("opp_abcdefABCDEF0123456789abcdef01", new Date("2099-12-31T23:59:59.999Z"), now).taskName).toMatch(/^[A-Za-z0-9_-]{1,500}$/);
  });
});
