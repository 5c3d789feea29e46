import { describe, expect, it } from "vitest";
import { newUser } from "../../../../src/domain/identity/user.js";

describe("newUser", () => {
  it("is a first version, found by its identity key", () => {
    const now = new Date("2026-03-02T09:00:00.000Z");
    expect(newUser("firebase:abc", "usr_0000000000000001", now)).toEqual({ id: "usr_0000000000000001", identityKey: "firebase:abc", createdAt: now, version: 1 });
  });
});
