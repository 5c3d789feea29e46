/**
 * Named points where the chaos suite makes the functions fail on demand, as a crash or an outage
 * there would. Off in every real project: there it never fails.
 */
export interface FaultInjector {
  /** Throws `unavailable` when a fault is armed at `point`, using it up. */
  failIfInjected(point: string): Promise<void>;
}
