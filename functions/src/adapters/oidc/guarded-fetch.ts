import type { FetchImplementation } from "jose";
import { fetch } from "undici";
import { DestinationRefused, type DestinationGuard } from "../webhooks/destination-guard.js";

/**
 * `fetch` for an issuer's discovery document and keys: an issuer URL is a customer's, so it goes
 * through the one destination guard (DESIGN §7), at the URL and again at connect.
 */
export function guardedFetch(guard: DestinationGuard): FetchImplementation {
  const dispatcher = guard.agent({ connectMs: 2_000, headersMs: 5_000 });
  return async (url, init) => {
    const refusal = guard.refusalOf(new URL(url));
    if (refusal) throw new DestinationRefused(refusal);
    const response = await fetch(url, { method: init.method, redirect: init.redirect, signal: init.signal, headers: Object.fromEntries(init.headers), dispatcher });
    // undici's Response is the platform's, typed apart: jose reads only status and json().
    return response as unknown as Response;
  };
}
