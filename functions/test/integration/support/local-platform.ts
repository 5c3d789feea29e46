import { randomBytes } from "node:crypto";

/** Where the local platform started by `npm test` listens; fails loudly when run outside it. */
export function platformEnv(
  name: "MONGODB_URI" | "PUBSUB_EMULATOR_HOST" | "TASKS_EMULATOR_HOST" | "FIREBASE_AUTH_EMULATOR_HOST" | "GCLOUD_PROJECT" | "USERX_BASE_URL" | "USERX_FUNCTIONS_URL" | "PAYOUTS_SANDBOX_URL" | "MAILPIT_URL" | "OIDC_ISSUER_URL" | "OIDC_PROVIDER_KEYS",
): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the integration tier through \`npm test\``);
  return value;
}

/** A name no other test run uses, so tests never see each other's data. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

/** Polls until `probe` returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
