import { describe, expect, it } from "vitest";
import { emptyProfile } from "../../../../src/domain/identity/profile.js";
import { User, newUser } from "../../../../src/domain/identity/user.js";

describe("newUser", () => {
  it("is a first version, found by its identity key", () => {
    const now = new Date("2026-03-02T09:00:00.000Z");
    expect(newUser("firebase:abc", "usr_0000000000000001", now)).toEqual({ id: "usr_0000000000000001", identityKey: "firebase:abc", createdAt: now, profile: emptyProfile, emailOptOuts: [], erasure: null, erasedAt: null, version: 1 });
  });

  it("reads a user stored before profiles existed with an empty profile", () => {
    const now = new Date("2026-03-02T09:00:00.000Z");
    expect(User.parse({ id: "usr_0000000000000001", identityKey: "firebase:abc", createdAt: now, version: 3 }).profile).toEqual(emptyProfile);
  });
});
