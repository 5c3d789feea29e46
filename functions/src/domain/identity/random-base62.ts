import { randomBytes } from "node:crypto";

export const base62Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/**
 * `length` characters drawn from a CSPRNG. Bytes of 248 and above are dropped (rejection
 * sampling), because 256 is not a multiple of 62 and keeping them would favour the first characters.
 */
export function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length + 8)) {
      if (byte < 248 && out.length < length) out += base62Alphabet[byte % 62];
    }
  }
  return out;
}
