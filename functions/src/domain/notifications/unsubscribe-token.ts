import { createHmac, timingSafeEqual } from "node:crypto";
import { emailCategories, type EmailCategory } from "./categories.js";

// The token of a one-click unsubscribe link (RFC 8058): who and which category, signed with
// HMAC-SHA256 under the EMAIL_LINK_SECRET. The link works without signing in, so the signature is
// the only thing that says we wrote it: a token with any byte changed is refused. It does not
// expire: an unsubscribe link in an old email must still work (RFC 8058 asks the link to keep
// working for a reasonable time, and a stale opt-out harms nobody).

/** The minimum the secret carries: 32 bytes, as long as the HMAC's own output. */
export const minimumLinkSecretLength = 32;

export interface UnsubscribeTarget {
  userId: string;
  category: EmailCategory;
}

/** `<userId>.<category>.<base64url HMAC>`: only URL-safe characters, so it travels in a path segment. */
export function signUnsubscribeToken(secret: string, target: UnsubscribeTarget): string {
  return `${target.userId}.${target.category}.${signatureOf(secret, target)}`;
}

/** The user and category the token names, or null when we did not sign it (tampered, truncated, forged). */
export function verifyUnsubscribeToken(secret: string, token: string): UnsubscribeTarget | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [userId = "", category = "", signature = ""] = parts;
  if (!/^usr_[A-Za-z0-9]{1,64}$/.test(userId) || !isCategory(category)) return null;
  const expected = Buffer.from(signatureOf(secret, { userId, category }));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? { userId, category } : null;
}

function signatureOf(secret: string, { userId, category }: UnsubscribeTarget): string {
  if (secret.length < minimumLinkSecretLength) throw new Error(`the email link secret must hold at least ${minimumLinkSecretLength} characters`);
  // A purpose and a version in the signed text: this secret signs nothing else that could be passed off as a token.
  return createHmac("sha256", secret).update(`user-x/unsubscribe/v1\n${userId}\n${category}`).digest("base64url");
}

function isCategory(value: string): value is EmailCategory {
  return (emailCategories as readonly string[]).includes(value);
}
