import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";
import { z } from "zod";
import { UserId } from "../../contracts/common.js";
import { ApiKeyOut } from "../../contracts/organizations.js";
import { firstVersion, Version } from "../aggregate.js";
import { base62Alphabet, randomBase62 } from "./random-base62.js";

// API keys look like `uxk_<32 base62 chars of secret><6 base62 chars of CRC-32>`. The prefix makes
// leaked keys easy to find with secret scanners; the checksum lets us refuse a mistyped or made-up
// key without a database read. Only the SHA-256 of the whole key is stored.

/** An organization's API key as stored: its hash, never the key. */
export const ApiKey = ApiKeyOut.omit({ key: true }).extend({
  hash: z.string().min(1),
  /** The member who created it: the key never acts beyond that member's current role. Null on keys made before this was recorded, which act as nothing. */
  createdBy: UserId.nullable(),
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  version: Version,
});
export type ApiKey = z.infer<typeof ApiKey>;

const prefix = "uxk_";
const secretLength = 32;
const checksumLength = 6;

/** A new key with `scopes` (each once); the key itself is returned beside it, to be shown once. */
export function issueApiKey(
  input: { orgId: string; name: string; scopes: readonly ApiKey["scopes"][number][]; createdBy: string },
  id: string,
  now: Date,
): { apiKey: ApiKey; key: string } {
  const { key, hash } = generateApiKey();
  const apiKey: ApiKey = {
    id,
    orgId: input.orgId,
    name: input.name,
    scopes: [...new Set(input.scopes)],
    hash,
    createdBy: input.createdBy,
    createdAt: now,
    lastUsedAt: null,
    version: firstVersion,
  };
  return { apiKey, key };
}

/** A fresh key and the hash it is stored and found by. */
export function generateApiKey(): { key: string; hash: string } {
  const secret = randomBase62(secretLength);
  const key = `${prefix}${secret}${checksumOf(secret)}`;
  return { key, hash: hashApiKey(key) };
}

export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(prefix);
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
  for (let value = n, i = 0; i < checksumLength; i++, value = Math.floor(value / 62)) out = base62Alphabet[value % 62] + out;
  return out;
}
