import { createHash, randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";

// API keys look like `uxk_<32 base62 chars of secret><6 base62 chars of CRC-32>`. The prefix makes
// leaked keys easy to find with secret scanners; the checksum lets us refuse a mistyped or made-up
// key without a database read. Only the SHA-256 of the whole key is stored.

const prefix = "uxk_";
const secretLength = 32;
const checksumLength = 6;
const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(prefix);
}

export function generateApiKey(): { key: string; hash: string } {
  const secret = base62(randomBytes(secretLength), secretLength);
  const key = `${prefix}${secret}${checksumOf(secret)}`;
  return { key, hash: hashApiKey(key) };
}

/** The stored form of a key, or undefined when its shape or checksum is wrong. */
export function verifiedApiKeyHash(key: string): string | undefined {
  if (!key.startsWith(prefix) || key.length !== prefix.length + secretLength + checksumLength) return undefined;
  const secret = key.slice(prefix.length, prefix.length + secretLength);
  if (key.slice(prefix.length + secretLength) !== checksumOf(secret)) return undefined;
  return hashApiKey(key);
}

function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("base64url");
}

function checksumOf(secret: string): string {
  const n = crc32(secret);
  let out = "";
  for (let value = n, i = 0; i < checksumLength; i++, value = Math.floor(value / 62)) out = alphabet[value % 62] + out;
  return out;
}

// Rejection sampling keeps every character uniformly likely (256 is not a multiple of 62).
function base62(bytes: Buffer, length: number): string {
  let out = "";
  let pool = bytes;
  while (out.length < length) {
    for (const byte of pool) {
      if (byte < 248 && out.length < length) out += alphabet[byte % 62];
    }
    pool = randomBytes(length);
  }
  return out;
}
