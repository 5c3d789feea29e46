import { useEffect, useState } from "react";

/** The current time, read again every `intervalMs` while `running`: what a countdown renders from. */
export function useNow(running: boolean, intervalMs = 1_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    if (!running) return;
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [running, intervalMs]);
  return now;
}

/** setTimeout and setInterval take at most a signed 32-bit count of milliseconds (about 24.8 days). */
export const longestTimeoutMs = 2 ** 31 - 1;

/**
 * Whether `at` has passed, re-rendering once when it does (not every second), so a page can stop
 * offering what the API refuses from then on while only its countdown ticks.
 */
export function useHasPassed(at: string, watching: boolean): boolean {
  const due = Date.parse(at);
  const [passed, setPassed] = useState(() => due <= Date.now());
  useEffect(() => {
    if (!watching) return;
    const check = () => {
      const left = due - Date.now();
      setPassed(left <= 0);
      if (left > 0) timer = setTimeout(check, Math.min(left, longestTimeoutMs));
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    check();
    return () => clearTimeout(timer);
  }, [due, watching]);
  return passed;
}
