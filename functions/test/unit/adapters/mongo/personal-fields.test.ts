import { describe, expect, it } from "vitest";
import { hasClearPersonalField, ownIdOwner, personalData, personalFieldsSealed, userIdOwner } from "../../../../src/adapters/mongo/personal-fields.js";
import { inMemoryDataKeys } from "../../support/in-memory-data-keys.js";

// How a collection's codec stores personal fields: sealed with the user's data key, null kept null,
// clear values of old documents still read.

const userId = "usr_0000000000000001";
const profile = { displayName: "Ada Lovelace", country: "GB", birthDate: "1990-12-10", languages: ["en"], demographics: { gender: "female" }, locale: null, updatedAt: null };

describe("personal fields at rest", () => {
  it("are sealed in the stored form, with nothing personal left in clear, and read back", async () => {
    const { cipher } = inMemoryDataKeys();
    const form = personalFieldsSealed("users", ownIdOwner, personalData.users, cipher);
    const stored = await form.toStored({ identityKey: "firebase:abc", profile }, userId);
    const text = JSON.stringify(stored);
    for (const clear of ["Ada", "Lovelace", "1990-12-10", "female"]) expect(text).not.toContain(clear);
    expect(stored["profile"]).toMatchObject({ country: "GB", displayName: expect.stringMatching(/^pii1\./) });
    expect(hasClearPersonalField(stored, personalData.users)).toBe(false);
    expect(await form.fromStored(stored, userId)).toEqual({ identityKey: "firebase:abc", profile });
  });

  it("keep null as null, so that queries on absence still work", async () => {
    const { cipher } = inMemoryDataKeys();
    const form = personalFieldsSealed("payouts", userIdOwner, personalData.payouts, cipher);
    expect(await form.toStored({ userId, recipient: null }, "pay_1")).toEqual({ userId, recipient: null });
  });

  it("do not open when the sealed value is copied to another document", async () => {
    const { cipher } = inMemoryDataKeys();
    const form = personalFieldsSealed("users", ownIdOwner, personalData.users, cipher);
    const stored = await form.toStored({ profile }, userId);
    const other = userId.replace("1", "2");
    await form.toStored({ profile }, other);
    await expect(form.fromStored(stored, other)).rejects.toMatchObject({ code: "internal" });
  });

  it("read as erased once the user's data key is shredded", async () => {
    const { cipher, stored: keys, keys: dataKeys } = inMemoryDataKeys();
    const form = personalFieldsSealed("users", ownIdOwner, personalData.users, cipher);
    const stored = await form.toStored({ profile }, userId);
    keys.delete(userId);
    dataKeys.forget(userId);
    expect(await form.fromStored(stored, userId)).toEqual({ profile: { ...profile, displayName: null, birthDate: null, demographics: {} } });
  });

  it("stored in clear before encryption still read, through the collection's old form", async () => {
    const { cipher } = inMemoryDataKeys();
    const asList = { toStored: (fields: object) => fields, fromStored: (fields: { answers?: unknown }) => ({ ...fields, answers: { q1: "from the list" } }) };
    const form = personalFieldsSealed("submissions", userIdOwner, personalData.submissions, cipher, asList);
    const clear = { userId, answers: [{ questionId: "q1", value: "from the list" }] };
    expect(hasClearPersonalField(clear, personalData.submissions)).toBe(true);
    expect(await form.fromStored(clear, "sub_1")).toEqual({ userId, answers: { q1: "from the list" } });
    const sealed = await form.toStored({ userId, answers: { q1: "my free text" } }, "sub_1");
    expect(JSON.stringify(sealed)).not.toContain("free text");
    expect(await form.fromStored(sealed, "sub_1")).toEqual({ userId, answers: { q1: "my free text" } });
  });
});
