import { describe, expect, it } from "vitest";
import { assertSteppedUp, stepUpWindowMs } from "../../../../src/domain/identity/step-up.js";
import type { Principal } from "../../../../src/domain/identity/principal.js";

const now = new Date("2026-03-02T09:00:00.000Z");
const person = (secondFactorAt?: Date): Principal => ({ kind: "user", userId: "usr_0000000000000001", anonymous: false, operator: false, ...(secondFactorAt ? { secondFactorAt } : {}) });

describe("assertSteppedUp", () => {
  it.each([
    ["a second factor just now", person(now), undefined],
    ["a second factor at the edge of the window", person(new Date(now.getTime() - stepUpWindowMs)), undefined],
    ["an API key (a machine credential)", { kind: "api_key", keyId: "key_0000000000000001", orgId: "org_0000000000000001", scopes: [], createdBy: "usr_0000000000000001" } as Principal, undefined],
    ["no second factor", person(), "no_second_factor"],
    ["a second factor older than the window", person(new Date(now.getTime() - stepUpWindowMs - 1)), "second_factor_too_old"],
  ])("%s", (_, principal, reason) => {
    if (reason === undefined) {
      expect(() => assertSteppedUp(principal, now)).not.toThrow();
    } else {
      expect(() => assertSteppedUp(principal, now)).toThrow(expect.objectContaining({ code: "mfa_required", details: { reason, maxAgeSeconds: 600 } }));
    }
  });
});
