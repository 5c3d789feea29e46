// Amounts travel as integers of a currency's minor units (functions/src/contracts/money.ts). The
// console reads and writes them as decimal text, converted here digit by digit, never through a
// floating point number, so 0.29 EUR is 29 cents and not 28.999….

/** How many decimals the currency's minor unit has: 2 for EUR, 0 for JPY, 3 for BHD (2 while a code is still being typed). */
export function minorUnitDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** `1250, "EUR"` as the exact decimal text `"12.50"`. */
export function decimalOf(minorUnits: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  const text = String(Math.abs(minorUnits)).padStart(digits + 1, "0");
  const sign = minorUnits < 0 ? "-" : "";
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** `"12.5", "EUR"` as 1250; null when the text is not an amount the currency can hold (too many decimals, not a number). */
export function toMinorUnits(text: string, currency: string): number | null {
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!match) return null;
  const digits = minorUnitDigits(currency);
  const fraction = match[2] ?? "";
  if (fraction.length > digits) return null;
  const minorUnits = Number(`${match[1]}${fraction.padEnd(digits, "0")}`);
  return Number.isSafeInteger(minorUnits) ? minorUnits : null;
}

/** `1250, "EUR"` as "€12.50" in the reader's locale; Intl formats the exact decimal text, not a float. */
export function formatMoney(minorUnits: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(decimalOf(minorUnits, currency) as Intl.StringNumericLiteral);
  } catch {
    return `${decimalOf(minorUnits, currency)} ${currency}`;
  }
}

// Budgets and rewards are kept in a unit: `points`, or a currency's minor units. These read and
// write either the same way.

/** An amount in its unit as the reader sees it: "1,200 points", "€12.50". */
export const formatAmount = (value: number, unit: string): string => (unit === "points" ? `${value.toLocaleString()} points` : formatMoney(value, unit));

/** An amount as an input shows it: "1200" points, "12.50" euros. */
export const amountText = (value: number, unit: string): string => (unit === "points" ? String(value) : decimalOf(value, unit));

/** What an input holds, in the unit's integers; null when it is not such an amount. */
export function parseAmount(text: string, unit: string): number | null {
  if (unit !== "points") return toMinorUnits(text, unit);
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
}

/** The step of a number input for amounts in the unit: 1 point, 0.01 EUR, 1 JPY. */
export const amountStep = (unit: string): string => (unit === "points" ? "1" : decimalOf(1, unit));

/** The unit of a reward's amounts: `points`, or its currency. */
export const rewardUnit = (reward: { type: string; currency?: string | null }): string => (reward.type === "points" ? "points" : (reward.currency ?? "points"));
