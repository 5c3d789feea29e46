import type { Document } from "mongodb";
import { z } from "zod";
import { isSealedPii } from "../kms/pii-ciphertext.js";
import type { PiiCipher } from "../kms/pii-cipher.js";
import type { StoredForm } from "./aggregate-store.js";

/** A personal field of a collection: its dotted path, and what it reads as once its user is erased. */
export interface PersonalField {
  readonly path: string;
  readonly erased: unknown;
}

/** Whose data key seals a document's personal fields: the user the document is about. */
export type OwnerOf = (fields: Document, id: string) => string;

export const ownIdOwner: OwnerOf = (_fields, id) => id;
export const userIdOwner: OwnerOf = (fields) => z.string().parse(fields["userId"]);

/**
 * Stores `personal` fields sealed with the data key of the document's user (pii-ciphertext.ts),
 * each bound to its collection, document and field, the value JSON-encoded so that any type
 * seals alike. Null stays null: an absent value carries nothing personal, and queries find it.
 * Sealing fails before anything is written when the key service is down (`unavailable`), so a
 * personal value is never written in clear. A value stored in clear before encryption is read as
 * it is (through `clearForm`, how the collection stored it then), until `encryptPlainPersonalData`
 * re-saves it.
 */
export function personalFieldsSealed(collection: string, owner: OwnerOf, personal: readonly PersonalField[], pii: PiiCipher, clearForm?: StoredForm): StoredForm {
  const binding = (documentId: string, field: string) => ({ collection, documentId, field });
  return {
    async toStored(fields, id) {
      const stored = structuredClone(fields);
      const userId = owner(fields, id);
      for (const { path } of personal) {
        const value = getPath(stored, path);
        if (value !== undefined && value !== null) setPath(stored, path, await pii.seal(userId, binding(id, path), JSON.stringify(value)));
      }
      return stored;
    },
    async fromStored(fields, id) {
      const opened = structuredClone(fields);
      const userId = owner(fields, id);
      const clearOnes: string[] = [];
      for (const { path, erased } of personal) {
        const value = getPath(opened, path);
        if (!isSealedPii(value)) {
          clearOnes.push(path);
          continue;
        }
        const plaintext = await pii.open(userId, binding(id, path), value);
        setPath(opened, path, plaintext === undefined ? erased : JSON.parse(plaintext));
      }
      // How the collection stored these fields in clear (answers as a list) still reads the old documents.
      return clearForm && clearOnes.length > 0 ? clearForm.fromStored(opened, id) : opened;
    },
  };
}

/** True when some personal field of the stored document is in clear. */
export function hasClearPersonalField(document: Document, personal: readonly PersonalField[]): boolean {
  return personal.some(({ path }) => {
    const value = getPath(document, path);
    return value !== undefined && value !== null && !isSealedPii(value);
  });
}

function getPath(document: Document, path: string): unknown {
  let current: unknown = document;
  for (const key of path.split(".")) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function setPath(document: Document, path: string, value: unknown): void {
  const keys = path.split(".");
  const last = keys.pop() ?? path;
  let current: Record<string, unknown> = document;
  for (const key of keys) {
    const next = current[key];
    if (typeof next !== "object" || next === null) return;
    current = next as Record<string, unknown>;
  }
  current[last] = value;
}

/**
 * The inventory of personal data stored under a user's data key, by collection (the README's
 * "Personal data" table lists the same). A field a later change adds that is about a person goes
 * here, and its collection's codec seals it.
 */
export const personalData = {
  users: [
    { path: "profile.displayName", erased: null },
    { path: "profile.birthDate", erased: null },
    { path: "profile.demographics", erased: {} },
  ],
  payout_details: [
    { path: "name", erased: "" },
    { path: "email", erased: "" },
  ],
  payouts: [{ path: "recipient", erased: null }],
  submissions: [{ path: "answers", erased: {} }],
} as const satisfies Record<string, readonly PersonalField[]>;
