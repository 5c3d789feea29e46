/**
 * Decides whether the platform may call a URL a customer gave it. Registration asks it; the
 * adapter that implements it also guards every connection, so both apply one policy.
 */
export interface DestinationPolicy {
  /** Resolves when `url` may be called; throws `destination_refused`, saying why, when it may not. */
  assertAllowed(url: string): Promise<void>;
}
