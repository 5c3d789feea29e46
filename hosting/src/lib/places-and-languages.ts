// Country and language names come from the browser's Intl, in the reader's language; the API
// stores only the codes (ISO 3166-1 alpha-2, BCP 47 primary subtags).

const locale = typeof navigator === "undefined" ? "en" : navigator.language;
const regionNames = new Intl.DisplayNames([locale, "en"], { type: "region", fallback: "none" });
const languageNames = new Intl.DisplayNames([locale, "en"], { type: "language", fallback: "none" });

// Codes Intl names that are not countries: unions, pseudo-regions and "unknown".
const notCountries = new Set(["EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"]);
const letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

export const countryName = (code: string) => regionNames.of(code) ?? code;
export const languageName = (code: string) => languageNames.of(code) ?? code;

export interface Option {
  code: string;
  name: string;
}

/** Every country Intl knows a name for, by name. Intl lists no regions, so the two-letter codes are tried. */
export const countries: readonly Option[] = [...letters]
  .flatMap((first) => [...letters].map((second) => first + second))
  .filter((code) => !notCountries.has(code) && regionNames.of(code) !== undefined && regionNames.of(code) !== code)
  .map((code) => ({ code, name: countryName(code) }))
  .sort((a, b) => a.name.localeCompare(b.name));

// Intl cannot list languages either: the ones most participants speak, by name.
const commonLanguages = [
  "ar", "bn", "cs", "da", "de", "el", "en", "es", "fa", "fi", "fr", "he", "hi", "hu", "id", "it", "ja", "ko", "ms", "nl",
  "no", "pa", "pl", "pt", "ro", "ru", "sk", "sv", "sw", "ta", "th", "tl", "tr", "uk", "ur", "vi", "zh",
];
export const languages: readonly Option[] = commonLanguages.map((code) => ({ code, name: languageName(code) })).sort((a, b) => a.name.localeCompare(b.name));

/** Options for `codes` too, when some are not in `options` (a code the API took from another client). */
export function withCodes(options: readonly Option[], codes: readonly string[], name: (code: string) => string): Option[] {
  const known = new Set(options.map((o) => o.code));
  return [...options, ...codes.filter((code) => !known.has(code)).map((code) => ({ code, name: name(code) }))];
}
