// The locales emails are written in, as the profile contract states them.
export { defaultLocale, Locale, supportedLocales, type SupportedLocale } from "../../contracts/me.js";
