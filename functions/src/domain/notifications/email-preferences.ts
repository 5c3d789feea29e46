import { emailCategories, type EmailCategory } from "./categories.js";

/** Each category: true when its emails are received. */
export type EmailPreferences = Record<EmailCategory, boolean>;

/** The preferences a user's opt-outs stand for: every category on but those opted out of. */
export function preferencesOf(optOuts: readonly EmailCategory[]): EmailPreferences {
  return Object.fromEntries(emailCategories.map((category) => [category, !optOuts.includes(category)])) as EmailPreferences;
}

/**
 * The opt-outs after a change of preferences (only the categories named change), in the catalogue's
 * order; null when the change changes nothing, so that a repeat writes nothing.
 */
export function optOutsAfter(optOuts: readonly EmailCategory[], change: Partial<EmailPreferences>): EmailCategory[] | null {
  const next = emailCategories.filter((category) => {
    const wanted = change[category];
    return wanted === undefined ? optOuts.includes(category) : !wanted;
  });
  const same = next.length === optOuts.length && next.every((category) => optOuts.includes(category));
  return same ? null : next;
}
