import { createPublicKey, type JsonWebKey } from "node:crypto";
import { OAuth2Client } from "google-auth-library";
import { z } from "zod";
import type { TaskInvokerConfig } from "../../config.js";
import { AppError } from "../../domain/app-error.js";

/** The audience a task's OIDC token must name: the URL cloud-task-queue.ts sends the task to. */
export function taskAudience(functionsBaseUrl: string, functionName: string): string {
  return `${functionsBaseUrl}/${functionName}`;
}

/** Proves that a request to a task handler comes from Cloud Tasks, signed for the invoker. */
export interface TaskTokenVerifier {
  /**
   * Resolves when `authorization` is `Bearer <token>` with a token signed by the trusted issuer,
   * unexpired, for the handler's URL, of the invoker's verified email. Throws `unauthenticated`
   * for a missing or invalid token, `forbidden` for a valid token of anyone else, and
   * `unavailable` when the issuer's keys cannot be fetched.
   */
  verify(authorization: string | undefined, functionName: string): Promise<void>;
}

/**
 * Google's ID tokens, checked by google-auth-library against Google's certificates (fetched and
 * cached by the client). In a demo project whose config names the Cloud Tasks emulator's issuer,
 * the same checks run against the emulator's signing keys instead: the local platform exercises
 * the whole check, and only the trust anchor differs.
 */
export function taskTokenVerifier(config: TaskInvokerConfig, client: OAuth2Client = new OAuth2Client()): TaskTokenVerifier {
  const { issuer } = config;
  const verifyJwt =
    issuer.kind === "google"
      ? async (idToken: string, audience: string) => {
          await certificates(() => client.getFederatedSignonCertsAsync());
          return client.verifyIdToken({ idToken, audience });
        }
      : emulatorJwtVerifier(client, issuer.url);

  return {
    async verify(authorization, functionName) {
      const token = /^Bearer (\S+)$/i.exec(authorization ?? "")?.[1];
      if (!token) throw new AppError("unauthenticated", "the task carries no bearer token");
      let payload;
      try {
        payload = (await verifyJwt(token, taskAudience(config.functionsBaseUrl, functionName))).getPayload();
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw new AppError("unauthenticated", `the task's token is not valid: ${reasonOf(error)}`);
      }
      if (payload?.email !== config.serviceAccount || payload.email_verified !== true) {
        throw new AppError("forbidden", "the task's token is not the invoker service account's");
      }
    },
  };
}

const Jwks = z.object({ keys: z.array(z.looseObject({ kid: z.string(), kty: z.literal("RSA"), n: z.string(), e: z.string() })) });

/** The emulator's keys, from its `/jwks`, fetched once per instance (again after a failure). */
function emulatorJwtVerifier(client: OAuth2Client, issuerUrl: string) {
  let pems: Promise<Record<string, string>> | undefined;
  const load = async () => {
    const response = await fetch(new URL("/jwks", issuerUrl));
    if (!response.ok) throw new Error(`${issuerUrl}/jwks answered ${response.status}`);
    const { keys } = Jwks.parse(await response.json());
    // The emulator labels its keys "RSA256"; the algorithm is taken from the token (RS256) instead.
    return Object.fromEntries(keys.map(({ kid, kty, n, e }) => [kid, pemOf({ kty, n, e })]));
  };
  return async (idToken: string, audience: string) => {
    const loading = (pems ??= load());
    const certs = await certificates(() => loading).catch((error: unknown) => {
      pems = undefined;
      throw error;
    });
    return client.verifySignedJwtWithCertsAsync(idToken, certs, audience, [issuerUrl]);
  };
}

function pemOf(jwk: JsonWebKey): string {
  return createPublicKey({ key: jwk, format: "jwk" }).export({ type: "spki", format: "pem" }).toString();
}

/** Fetching the keys is the one step a retry can fix. */
async function certificates<T>(fetchKeys: () => Promise<T>): Promise<T> {
  try {
    return await fetchKeys();
  } catch (error) {
    throw new AppError("unavailable", "the token issuer's keys could not be fetched", undefined, { cause: error });
  }
}

// google-auth-library's messages may end with the token or its payload: keep only what went wrong.
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split(": ")[0]?.slice(0, 200) ?? "unknown";
}
