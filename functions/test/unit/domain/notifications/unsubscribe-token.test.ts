import { describe, expect, it } from "vitest";
import { signUnsubscribeToken, verifyUnsubscribeToken } from "../../../../src/domain/notifications/unsubscribe-token.js";

const secret = "a-secret-of-at-least-thirty-two-characters";
const target = { userId: "usr_Ada0000000000000000001", category: "rewards" } as const;

describe("unsubscribe tokens", () => {
  it("names the user and category it was signed for, in URL-safe characters", () => {
    const token = signUnsubscribeToken(secret, target);
    expect(token).toMatch(/^usr_Ada0000000000000000001\.rewards\.[A-Za-z0-9_-]{43}$/);
    expect(verifyUnsubscribeToken(secret, token)).toEqual(target);
  });

  it.each([
    ["another user", (token: string) => token.replace("usr_Ada0000000000000000001", "usr_Bob0000000000000000001")],
    ["another category", (token: string) => token.replace(".rewards.", ".claims.")],
    ["a changed signature", (token: string) => token.slice(0, -1) + (token.endsWith("A") ? "B" : "A")],
    ["a truncated signature", (token: string) => token.slice(0, -2)],
    ["no signature", (token: string) => token.split(".").slice(0, 2).join(".")],
    ["an extra part", (token: string) => `${token}.x`],
    ["an unknown category", (token: string) => token.replace(".rewards.", ".everything.")],
  ])("refuses %s", (_what, tamper) => {
    expect(verifyUnsubscribeToken(secret, tamper(signUnsubscribeToken(secret, target)))).toBeNull();
  });

  it("refuses a token signed with another secret", () => {
    expect(verifyUnsubscribeToken(secret, signUnsubscribeToken("another-secret-of-thirty-two-characters!", target))).toBeNull();
  });

  it("refuses to sign or check with a short secret", () => {
    expect(() => signUnsubscribeToken("short", target)).toThrow(/at least 32/);
  });
});
