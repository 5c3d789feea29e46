import { randomBytes } from "node:crypto";
import type { IdPrefix, Ids } from "../ports/ids.js";

const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** 22 base62 characters from a CSPRNG: ~131 bits, unguessable, so ids never leak counts or order. */
export const randomIds: Ids = {
  next(prefix: IdPrefix): string {
    let id = "";
    while (id.length < 22) {
      for (const byte of randomBytes(32)) {
        // Bytes ≥ 248 are dropped so every character is equally likely.
        if (byte < 248 && id.length < 22) id += alphabet[byte % 62];
      }
    }
    return `${prefix}_${id}`;
  },
};
