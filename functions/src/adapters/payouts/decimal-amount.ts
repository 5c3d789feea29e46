/**
 * An amount in minor units written as the decimal the provider's JSON carries (1250 EUR → "12.50",
 * 1250 JPY → "1250"), with string operations only. The currency's minor digits come from the
 * runtime's ISO 4217 data, as contracts/money.ts validates the code against it.
 */
export function decimalAmount(minorUnits: number, currency: string): string {
  if (!Number.isSafeInteger(minorUnits) || minorUnits < 0) throw new RangeError(`not an amount in minor units: ${minorUnits}`);
  const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  if (digits === 0) return String(minorUnits);
  const padded = String(minorUnits).padStart(digits + 1, "0");
  return `${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}
