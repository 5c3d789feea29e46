import { createHmac, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";

// Standard Webhooks signatures. `v1`: base64 HMAC-SHA256 of `id.timestamp.body` with the bytes of a
// `whsec_` secret. `v1a`: base64 ed25519 signature of the same content with a `whsk_` key (its
// 32-byte seed), verified with the `whpk_` public key (its 32 raw bytes). A message carries one
// signature per secret and key that signs it, space-separated; a receiver accepts it when any one
// verifies, which is what lets a rotated secret overlap the new one.

/** A fresh `whsec_` signing secret: 32 random bytes (Standard Webhooks asks for 24 to 64). */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/** A fresh `whsk_` ed25519 signing key. */
export function newSigningKey(): string {
  const jwk = generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" });
  return `whsk_${Buffer.from(String(jwk.d), "base64url").toString("base64")}`;
}

/** The `whpk_` public key that verifies what `signingKey` signs. */
export function publicKeyOf(signingKey: string): string {
  const jwk = createPublicKey(privateKeyOf(signingKey)).export({ format: "jwk" });
  return `whpk_${Buffer.from(String(jwk.x), "base64url").toString("base64")}`;
}

/** What signs one message: every HMAC secret and every ed25519 key in force. */
export interface SigningMaterial {
  secrets: readonly string[];
  signingKeys: readonly string[];
}

/** The `webhook-signature` header of one message: a `v1` signature per secret, then a `v1a` per key. */
export function signatureHeader(material: SigningMaterial, messageId: string, timestamp: Date, body: string): string {
  const content = Buffer.from(`${messageId}.${Math.floor(timestamp.getTime() / 1000)}.${body}`, "utf8");
  const symmetric = material.secrets.map((secret) => `v1,${createHmac("sha256", secretBytes(secret)).update(content).digest("base64")}`);
  const asymmetric = material.signingKeys.map((key) => `v1a,${sign(null, content, privateKeyOf(key)).toString("base64")}`);
  return [...symmetric, ...asymmetric].join(" ");
}

function secretBytes(secret: string): Buffer {
  return Buffer.from(secret.startsWith("whsec_") ? secret.slice("whsec_".length) : secret, "base64");
}

// PKCS#8 wrapping of a raw ed25519 seed (RFC 8410): node:crypto imports keys in a container, not bare.
const ed25519Pkcs8Prefix = Buffer.from("302e020100300506032b657004220420", "hex");

function privateKeyOf(signingKey: string): KeyObject {
  const seed = Buffer.from(signingKey.replace(/^whsk_/, ""), "base64");
  if (seed.length !== 32) throw new Error("an ed25519 signing key is 32 bytes");
  return createPrivateKey({ key: Buffer.concat([ed25519Pkcs8Prefix, seed]), format: "der", type: "pkcs8" });
}
