import { describe, expect, it } from "vitest";
import { isDeadlineCheck, nextDeadlineCheck } from "../../../../src/domain/claims/deadline-check.js";
import { longestTaskDelaySeconds } from "../../../../src/domain/scheduling/timed-check.js";

const now = new Date("2026-03-02T09:00:00.000Z");
const id = "clm_0000000000000001";

describe("nextDeadlineCheck", () => {
  it("checks at the deadline itself when Cloud Tasks can schedule that far, named after the claim and the time", () => {
    const deadline = new Date("2026-03-02T09:00:05.000Z");
    const check = nextDeadlineCheck(id, deadline, now);
    expect(check).toEqual({ claimId: id, checkAt: deadline, taskName: `claim-deadline-${id}-${deadline.getTime()}` });
    expect(isDeadlineCheck(deadline, check.checkAt)).toBe(true);
    expect(nextDeadlineCheck(id, deadline, new Date(now.getTime() + 1_000)).taskName).toBe(check.taskName);
  });

  it("hops toward a deadline further than 29 days, on the same days as the opportunity's expiry checks", () => {
    const deadline = new Date("2026-04-20T12:00:00.000Z");
    const first = nextDeadlineCheck(id, deadline, now);
    expect(first.checkAt).toEqual(new Date("2026-03-31T00:00:00.000Z"));
    expect(first.checkAt.getTime() - now.getTime()).toBeLessThanOrEqual(longestTaskDelaySeconds * 1_000);
    expect(isDeadlineCheck(deadline, first.checkAt)).toBe(false);
    expect(nextDeadlineCheck(id, deadline, new Date("2026-03-02T23:59:59.000Z")).taskName).toBe(first.taskName);
    expect(nextDeadlineCheck(id, deadline, first.checkAt)).toMatchObject({ checkAt: deadline });
  });

  it("makes names Cloud Tasks accepts: letters, digits, hyphens and underscores, at most 500", () => {
    expect(nextDeadlineCheck("clm_abcdefABCDEF0123456789abcdef01", new Date("2099-12-31T23:59:59.999Z"), now).taskName).toMatch(/^[A-Za-z0-9_-]{1,500}$/);
  });
});
