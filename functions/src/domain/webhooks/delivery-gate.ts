/**
 * The rules that keep one endpoint from holding up the others: at most `slotsPerEndpoint` attempts
 * in flight to an endpoint, each a lease that lapses by itself (an attempt that crashed frees its
 * slot once the longest attempt could have ended), and a circuit breaker that stops sending to an
 * endpoint after `breakerThreshold` failures in a row, for a cool-down that doubles with each
 * further failure. When the cool-down is over, one attempt goes through (the probe); a success
 * closes the breaker. An attempt that finds no free slot or the breaker open does not send: its
 * message waits and is tried later, and nothing counts it as an attempt. An endpoint with a rate
 * limit of its own is also paced: attempts start at least `1 / rate` seconds apart, whatever
 * instance makes them.
 */

/** Two in flight: a healthy endpoint is never waiting behind one slow answer, a hanging one holds two workers at most. */
export const slotsPerEndpoint = 2;

/** Three failures in a row: one lost connection or a single 5xx does not stop deliveries. */
export const breakerThreshold = 3;

const firstCooldownSeconds = 10;
const longestCooldownSeconds = 300;

/** How long the breaker stays open after `failures` in a row; zero below the threshold. */
export function cooldownSeconds(failures: number): number {
  if (failures < breakerThreshold) return 0;
  return Math.min(firstCooldownSeconds * 2 ** (failures - breakerThreshold), longestCooldownSeconds);
}

/** Whether an attempt's outcome counts as the endpoint failing: no answer, a timeout, 5xx, 408 or 429. */
export function isEndpointFailure(status: number | null): boolean {
  return status === null || status >= 500 || status === 408 || status === 429;
}

/** How far apart attempts to an endpoint limited to `ratePerSecond` messages a second start. */
export function paceIntervalMs(ratePerSecond: number): number {
  return 1000 / ratePerSecond;
}

/** Why an attempt was not let through, and when to try again. */
export type Refusal = { reason: "busy" | "open" | "throttled"; retryAt: Date };

/**
 * When a message refused by the gate is tried again: when the breaker closes (plus jitter, so the
 * waiting messages do not all probe at once), or in one to three seconds when the slots were busy
 * or the endpoint's pace had no room (a task's delay is counted in whole seconds; the jitter
 * spreads the waiting messages over the seconds after).
 */
export function retryDelaySeconds(refusal: Refusal, now: Date, random: number): number {
  if (refusal.reason === "busy" || refusal.reason === "throttled") return 1 + Math.round(random * 2);
  const untilOpen = Math.max(0, Math.ceil((refusal.retryAt.getTime() - now.getTime()) / 1000));
  return untilOpen + 1 + Math.round(random * 4);
}
