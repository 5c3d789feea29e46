import type { Refusal } from "../domain/webhooks/delivery-gate.js";

/** A slot held for one attempt; `release` frees it. */
export interface Lease {
  endpointId: string;
  slot: number;
  leaseId: string;
}

/** Admits attempts to an endpoint by the rules of domain/webhooks/delivery-gate.ts, kept where every instance sees them. */
export interface EndpointGate {
  /**
   * A slot for `holdMs`, or why not: the breaker open, the endpoint's pace (`ratePerSecond`, when
   * it has a rate limit) leaving no room at `now`, or no slot free.
   */
  admit(endpointId: string, now: Date, holdMs: number, ratePerSecond?: number | null): Promise<{ admitted: true; lease: Lease } | { admitted: false; refusal: Refusal }>;
  /** Frees the slot and records the outcome: a success closes the breaker, a failure counts toward opening it. */
  release(lease: Lease, failed: boolean, now: Date): Promise<void>;
}
