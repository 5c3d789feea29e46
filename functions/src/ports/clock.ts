/** Wall-clock time for timestamps, and a monotonic reading for measuring durations. */
export interface Clock {
  now(): Date;
  monotonicMs(): number;
}
