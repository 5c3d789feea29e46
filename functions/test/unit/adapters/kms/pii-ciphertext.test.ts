import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { associatedDataOf, isSealedPii, openPii, sealPii } from "../../../../src/adapters/kms/pii-ciphertext.js";

// The stored form of one personal value: versioned, authenticated, bound to where it is stored.

const dataKey = randomBytes(32);
const binding = { collection: "users", documentId: "usr_0000000000000001", field: "profile.displayName" };

describe("a sealed personal value", () => {
  it("names its format, hides the value and opens with its key and binding", () => {
    const sealed = sealPii("Ada Lovelace", dataKey, binding);
    expect(sealed).toMatch(/^pii1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(sealed).not.toContain("Ada");
    expect(isSealedPii(sealed)).toBe(true);
    expect(openPii(sealed, dataKey, binding)).toBe("Ada Lovelace");
  });

  it("is sealed afresh each time (a new IV), so equal values do not look equal", () => {
    expect(sealPii("same", dataKey, binding)).not.toBe(sealPii("same", dataKey, binding));
  });

  it.each([
    ["another collection", { ...binding, collection: "payout_details" }],
    ["another document", { ...binding, documentId: "usr_0000000000000002" }],
    ["another field", { ...binding, field: "profile.birthDate" }],
  ])("does not open when moved to %s", (_, elsewhere) => {
    expect(openPii(sealPii("Ada", dataKey, binding), dataKey, elsewhere)).toBeUndefined();
  });

  it("does not open with another user's key", () => {
    expect(openPii(sealPii("Ada", dataKey, binding), randomBytes(32), binding)).toBeUndefined();
  });

  it("does not open when altered or truncated, nor with a shortened tag", () => {
    const sealed = sealPii("Ada Lovelace", dataKey, binding);
    const [prefix, iv, ciphertext, tag] = sealed.split(".") as [string, string, string, string];
    const flipped = Buffer.from(ciphertext, "base64url");
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(openPii([prefix, iv, flipped.toString("base64url"), tag].join("."), dataKey, binding)).toBeUndefined();
    expect(openPii([prefix, iv, ciphertext, tag.slice(0, 11)].join("."), dataKey, binding)).toBeUndefined();
    expect(openPii(["pii2", iv, ciphertext, tag].join("."), dataKey, binding)).toBeUndefined();
  });

  it("tells clear values from sealed ones", () => {
    expect(isSealedPii("Ada Lovelace")).toBe(false);
    expect(isSealedPii("pii1.not-sealed")).toBe(false);
    expect(isSealedPii(null)).toBe(false);
  });

  it("binds with versioned associated data naming collection, document and field", () => {
    expect(associatedDataOf(binding)).toBe("pii1|users|usr_0000000000000001|profile.displayName");
  });
});
