import { createHash } from "node:crypto";
import { BlockList, isIP } from "node:net";
import { crc32 } from "node:zlib";
import { z } from "zod";
import { UserId } from "../../contracts/common.js";
import { ApiKeyOut } from "../../contracts/organizations.js";
import { firstVersion, Version } from "../aggregate.js";
import { AppError } from "../app-error.js";
import { base62Alphabet, randomBase62 } from "./random-base62.js";

// API keys look like `uxk_<32 base62 chars of secret><6 base62 chars of CRC-32>`. The prefix makes
// leaked keys easy to find with secret scanners; the checksum lets us refuse a mistyped or made-up
// key without a database read. Only the SHA-256 of the whole key is stored.

/** An organization's API key as stored: its hash, never the key. */
export const ApiKey = ApiKeyOut.omit({ key: true, status: true, expiresAt: true, previousKeyValidUntil: true, revokedAt: true, lastUsedAt: true }).extend({
  hash: z.string().min(1),
  /** After a rotation: the replaced key's hash, which still authenticates until `previousValidUntil`. */
  previousHash: z.string().nullable().default(null),
  previousValidUntil: z.date().nullable().default(null),
  // Keys stored before these existed never expire, were never revoked and may be used from anywhere.
  expiresAt: z.date().nullable().default(null),
  revokedAt: z.date().nullable().default(null),
  allowedCidrs: z.array(z.string()).default([]),
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
  input: { orgId: string; name: string; scopes: readonly ApiKey["scopes"][number][]; createdBy: string; expiresAt?: Date | undefined; allowedCidrs?: readonly string[] },
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
    previousHash: null,
    previousValidUntil: null,
    expiresAt: input.expiresAt ?? null,
    revokedAt: null,
    allowedCidrs: [...new Set(input.allowedCidrs ?? [])],
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

/** A key can be refused only by what it was: `revoked` and `expired` keys authenticate nothing. */
export function statusOf(apiKey: Pick<ApiKey, "revokedAt" | "expiresAt">, now: Date): "active" | "expired" | "revoked" {
  if (apiKey.revokedAt !== null) return "revoked";
  if (apiKey.expiresAt !== null && apiKey.expiresAt <= now) return "expired";
  return "active";
}

/** The key revoked now, with the key a rotation replaced; a revoked key stays as it was revoked. */
export function revoked(apiKey: ApiKey, now: Date): ApiKey {
  if (apiKey.revokedAt !== null) return apiKey;
  return { ...apiKey, revokedAt: now, previousHash: null, previousValidUntil: null };
}

/**
 * The key with a new secret (`hash`); the one it replaces keeps working for `overlapSeconds`, so
 * an integration can deploy the new key before the old one stops. Only an active key rotates.
 */
export function rotated(apiKey: ApiKey, hash: string, overlapSeconds: number, now: Date): ApiKey {
  const status = statusOf(apiKey, now);
  if (status !== "active") throw new AppError("invalid_state", `this key is ${status}: create a new one`, { status });
  const overlapping = overlapSeconds > 0;
  return { ...apiKey, hash, previousHash: overlapping ? apiKey.hash : null, previousValidUntil: overlapping ? new Date(now.getTime() + overlapSeconds * 1000) : null };
}

/**
 * Whether the key found by `presentedHash` may authenticate a request from `clientAddress` now:
 * not revoked or expired, a replaced secret only within its overlap, and the address inside the
 * key's allowlist when it has one (forbidden, naming the address, otherwise).
 */
export function assertUsable(apiKey: ApiKey, presentedHash: string, clientAddress: string, now: Date): void {
  const status = statusOf(apiKey, now);
  if (status !== "active") throw new AppError("unauthenticated", `this API key is ${status}`);
  if (presentedHash !== apiKey.hash && (apiKey.previousHash !== presentedHash || apiKey.previousValidUntil === null || apiKey.previousValidUntil <= now)) {
    throw new AppError("unauthenticated", "this API key was replaced by a rotation");
  }
  if (apiKey.allowedCidrs.length > 0 && !inAllowlist(apiKey.allowedCidrs, clientAddress)) {
    throw new AppError("forbidden", `this API key may not be used from ${clientAddress}`, { reason: "address_not_allowed" });
  }
}

function inAllowlist(cidrs: readonly string[], address: string): boolean {
  const plain = address.startsWith("::ffff:") && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  const family = isIP(plain);
  if (family === 0) return false;
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [network = "", prefix] = cidr.split("/");
    const type = isIP(network) === 6 ? "ipv6" : "ipv4";
    list.addSubnet(network, prefix === undefined ? (type === "ipv6" ? 128 : 32) : Number(prefix), type);
  }
  return list.check(plain, family === 6 ? "ipv6" : "ipv4");
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
