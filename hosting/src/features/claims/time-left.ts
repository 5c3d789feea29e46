// A claim's time left, in the reader's own words: Intl formats each unit and joins them.

const second = 1_000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

type Unit = "day" | "hour" | "minute" | "second";

/**
 * `ms` as at most three units, largest first and without leading zeros: "2 days, 3 hr, 5 min" far
 * ahead, down to "4 min, 9 sec" near the end, so the seconds tick for the last day.
 */
export function formatTimeLeft(ms: number, locale?: string): string {
  const whole = Math.max(0, Math.ceil(ms / second)) * second;
  const amounts: Array<[Unit, number]> = [
    ["day", Math.floor(whole / day)],
    ["hour", Math.floor((whole % day) / hour)],
    ["minute", Math.floor((whole % hour) / minute)],
    ["second", Math.floor((whole % minute) / second)],
  ];
  const first = amounts.findIndex(([, amount]) => amount > 0);
  // Three units in a row from the largest that is not zero: a zero between them stays, so the shape of the count does not jump.
  const shown = first === -1 ? [amounts[3]!] : amounts.slice(first, first + 3);
  const parts = shown.map(([unit, amount]) => new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short" }).format(amount));
  return new Intl.ListFormat(locale, { type: "unit", style: "short" }).format(parts);
}
