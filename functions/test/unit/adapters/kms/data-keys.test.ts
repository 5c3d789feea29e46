import { status } from "@grpc/grpc-js";
import { describe, expect, it } from "vitest";
import { emailIndexKeyId } from "../../../../src/adapters/kms/pii-cipher.js";
import { inMemoryDataKeys } from "../../support/in-memory-data-keys.js";

// One data key per user, wrapped by KMS, cached per instance for a bounded time.

const binding = { collection: "users", documentId: "usr_0000000000000001", field: "profile.displayName" };

describe("a user's data key", () => {
  it("is created once, stored only wrapped, and reused from the cache", async () => {
    const { kms, stored, cipher } = inMemoryDataKeys();
    const sealed = await cipher.seal("usr_0000000000000001", binding, "Ada");
    expect(await cipher.open("usr_0000000000000001", binding, sealed)).toBe("Ada");
    await cipher.seal("usr_0000000000000001", binding, "Ada again");
    expect(kms.calls).toEqual({ encrypt: 1, decrypt: 0 });
    expect(stored.get("usr_0000000000000001")).toEqual({ id: "usr_0000000000000001", keyName: expect.stringContaining("cryptoKeys/secrets"), wrappedKey: expect.any(String), keyVersion: expect.stringMatching(/\/cryptoKeyVersions\/1$/), createdAt: expect.any(Date) });
  });

  it("is unwrapped by KMS again once the cache has expired", async () => {
    const { kms, cipher } = inMemoryDataKeys({ cacheTtlMs: 1 });
    const sealed = await cipher.seal("usr_0000000000000001", binding, "Ada");
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await cipher.open("usr_0000000000000001", binding, sealed)).toBe("Ada");
    expect(kms.calls.decrypt).toBe(1);
  });

  it("is unwrapped once for concurrent cold reads", async () => {
    const first = inMemoryDataKeys();
    const sealed = await first.cipher.seal("usr_0000000000000001", binding, "Ada");
    first.keys.forget("usr_0000000000000001");
    const opened = await Promise.all(Array.from({ length: 5 }, () => first.cipher.open("usr_0000000000000001", binding, sealed)));
    expect(opened).toEqual(Array(5).fill("Ada"));
    expect(first.kms.calls.decrypt).toBe(1);
  });

  it("is created once when concurrent first writes race", async () => {
    const { stored, cipher } = inMemoryDataKeys();
    const sealed = await Promise.all(Array.from({ length: 4 }, (_, i) => cipher.seal("usr_0000000000000002", binding, `v${i}`)));
    expect(stored.size).toBe(1);
    expect(await Promise.all(sealed.map((value) => cipher.open("usr_0000000000000002", binding, value)))).toEqual(["v0", "v1", "v2", "v3"]);
  });

  it("once shredded, leaves what it sealed unreadable (undefined), not an error", async () => {
    const { stored, keys, cipher } = inMemoryDataKeys();
    const sealed = await cipher.seal("usr_0000000000000001", binding, "Ada");
    stored.delete("usr_0000000000000001");
    keys.forget("usr_0000000000000001");
    expect(await cipher.open("usr_0000000000000001", binding, sealed)).toBeUndefined();
  });

  it("answers unavailable, sealing nothing, when KMS is down", async () => {
    const { kms, cipher } = inMemoryDataKeys();
    kms.failWith = status.UNAVAILABLE;
    await expect(cipher.seal("usr_0000000000000001", binding, "Ada")).rejects.toMatchObject({ code: "unavailable" });
  });

  it("refuses a value bound to another user's document as internal, never returning it", async () => {
    const { cipher } = inMemoryDataKeys();
    const sealed = await cipher.seal("usr_0000000000000001", binding, "Ada");
    await cipher.seal("usr_0000000000000002", binding, "Bob");
    await expect(cipher.open("usr_0000000000000002", binding, sealed)).rejects.toMatchObject({ code: "internal" });
  });
});

describe("the blind index of an email", () => {
  it("is equal for addresses equal but for case and spaces, differs otherwise, and hides the address", async () => {
    const { stored, cipher } = inMemoryDataKeys();
    const index = await cipher.emailIndex("Ada@Example.com ");
    expect(index).toBe(await cipher.emailIndex("ada@example.com"));
    expect(index).not.toBe(await cipher.emailIndex("ada@example.org"));
    expect(index).toMatch(/^bi1\.[A-Za-z0-9_-]{43}$/);
    expect(stored.has(emailIndexKeyId)).toBe(true);
  });

  it("depends on a key of its own: another deployment's index differs", async () => {
    expect(await inMemoryDataKeys().cipher.emailIndex("ada@example.com")).not.toBe(await inMemoryDataKeys().cipher.emailIndex("ada@example.com"));
  });
});
