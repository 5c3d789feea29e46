import type { HttpMethod } from "../../contracts/route.js";
import type { Principal } from "./principal.js";

/**
 * What a request is counted against: a principal's reads, writes and expensive operations, and a
 * client address's failed authentications (a guessed key or a forged token costs the address, not
 * the account it names).
 */
export type RateClass = "read" | "write" | "expensive" | "failed_auth";

export interface RateLimit {
  points: number;
  durationSeconds: number;
}

/**
 * The limits: generous for a person or an integration working normally (ten reads a second held
 * for a minute), tight where volume is itself the attack. 50 wrong API keys from one address meet
 * the failed-authentication limit after 20 and wait out its 5 minutes.
 */
export const rateLimits: Readonly<Record<RateClass, RateLimit>> = {
  read: { points: 600, durationSeconds: 60 },
  write: { points: 120, durationSeconds: 60 },
  expensive: { points: 10, durationSeconds: 60 },
  failed_auth: { points: 20, durationSeconds: 300 },
};

/**
 * The limits with each caller's multiplied by `callerScale` (an operator's setting: a platform
 * serving large integrations raises them). The per-address limit on refused credentials is never
 * scaled: it is there against guessing, whatever the traffic.
 */
export function scaledRateLimits(callerScale: number): Readonly<Record<RateClass, RateLimit>> {
  const scale = (limit: RateLimit): RateLimit => ({ ...limit, points: Math.max(1, Math.round(limit.points * callerScale)) });
  return { read: scale(rateLimits.read), write: scale(rateLimits.write), expensive: scale(rateLimits.expensive), failed_auth: rateLimits.failed_auth };
}

export function rateClassOf(route: { method: HttpMethod; rateClass?: "expensive" }): Exclude<RateClass, "failed_auth"> {
  if (route.rateClass === "expensive") return "expensive";
  return route.method === "GET" ? "read" : "write";
}

/** Whom a request is counted for: the account or API key, else (anonymous routes) its address. */
export function rateKeyOf(principal: Principal | undefined, clientAddress: string): string {
  if (principal === undefined) return `address:${clientAddress}`;
  return principal.kind === "user" ? `user:${principal.userId}` : `key:${principal.keyId}`;
}
