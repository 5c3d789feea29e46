import { readFileSync } from "node:fs";
import type { EmailCategory } from "../../../src/domain/notifications/categories.js";
import { signUnsubscribeToken } from "../../../src/domain/notifications/unsubscribe-token.js";

/** The local platform's EMAIL_LINK_SECRET, as tools/platform.mjs gave it to the functions (functions/.secret.local). */
function localEmailLinkSecret(): string {
  const file = readFileSync(new URL("../../../.secret.local", import.meta.url), "utf8");
  const secret = /^EMAIL_LINK_SECRET=(.+)$/m.exec(file)?.[1];
  if (!secret) throw new Error("functions/.secret.local has no EMAIL_LINK_SECRET: is the local platform running?");
  return secret;
}

/** An unsubscribe token as the platform's emails carry it, for tests that need one without an email. */
export function unsubscribeTokenFor(userId: string, category: EmailCategory): string {
  return signUnsubscribeToken(localEmailLinkSecret(), { userId, category });
}
