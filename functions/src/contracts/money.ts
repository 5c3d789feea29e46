import { z } from "zod";

// Money is an integer count of a currency's minor units (cents for EUR, yen for JPY, fils for
// BHD) with its ISO 4217 code, as payment APIs carry it: no floating point ever holds an amount.

const knownCurrencies = new Set(Intl.supportedValuesOf("currency"));

/** An ISO 4217 currency code the runtime knows (and so knows its minor unit). */
export const Currency = z
  .string()
  .regex(/^[A-Z]{3}$/, "ISO 4217 code, upper case")
  .refine((code) => knownCurrencies.has(code), "not an ISO 4217 currency in use");
export type Currency = z.infer<typeof Currency>;

/** An amount in minor units of its currency: 1250 with EUR is €12.50, with JPY ¥1,250. */
export const MinorUnits = z.number().int().positive().max(100_000_000_00).describe("amount in minor units of `currency` (1250 with EUR is €12.50)");
