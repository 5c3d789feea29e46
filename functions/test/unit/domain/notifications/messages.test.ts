import { IntlMessageFormat } from "intl-messageformat";
import { describe, expect, it } from "vitest";
import { Locale, ProfilePatch, supportedLocales } from "../../../../src/contracts/me.js";
import { catalogs } from "../../../../src/domain/notifications/messages.js";
import { formatMessage, renderEmail } from "../../../../src/domain/notifications/render-email.js";

type Element = ReturnType<IntlMessageFormat["getAst"]>[number];
// The parser's element types (@formatjs/icu-messageformat-parser): literal text, `#` and tags name no value.
const literal = 0;
const pound = 7;
const tag = 8;

/** The placeholders a message uses, nested ones (inside plural and select branches) included. */
function placeholdersOf(elements: Element[], found = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === literal || element.type === pound || element.type === tag) continue;
    found.add(element.value);
    if ("options" in element) for (const option of Object.values(element.options)) placeholdersOf(option.value, found);
  }
  return found;
}

const parse = (message: string) => new IntlMessageFormat(message, "en").getAst();

describe("email message catalogs", () => {
  const english = catalogs.en;

  it.each(supportedLocales)("%s has every key of every other locale, and no other", (locale) => {
    for (const other of supportedLocales) expect(Object.keys(catalogs[locale]).sort(), `${locale} vs ${other}`).toEqual(Object.keys(catalogs[other]).sort());
  });

  it.each(supportedLocales)("%s uses the same placeholders as English in every message", (locale) => {
    for (const [key, message] of Object.entries(catalogs[locale])) {
      const expected = [...placeholdersOf(parse(english[key as keyof typeof english]))].sort();
      expect([...placeholdersOf(parse(message))].sort(), `${locale} ${key}`).toEqual(expected);
    }
  });

  it("formats plurals and selects in the locale's own words", () => {
    expect(formatMessage("en", "reward.issued.body", { type: "points", value: 1, amount: "" })).toBe("You earned 1 point.");
    expect(formatMessage("de", "reward.issued.body", { type: "points", value: 250, amount: "" })).toBe("Sie haben 250 Punkte erhalten.");
    expect(formatMessage("de", "submission.rejected.body", { opportunity: "Umfrage", reason: "incomplete", attemptsLeft: 1 })).toBe(
      "Ihre Einreichung zu „Umfrage“ wurde nicht angenommen. Grund: sie ist unvollständig. Sie haben noch einen Versuch.",
    );
  });

  it("escapes what the values put into the HTML body, and keeps the text body as written", () => {
    const email = renderEmail("en", {
      subject: { key: "claim.created.subject", values: { opportunity: "<b>Tea & cake</b>" } },
      paragraphs: [{ key: "claim.created.body", values: { opportunity: "<b>Tea & cake</b>" } }],
      preferencesUrl: "https://app.test/preferences",
      unsubscribeUrl: "https://app.test/unsubscribe?token=a&b",
    });
    expect(email.subject).toBe("You claimed “<b>Tea & cake</b>”");
    expect(email.text).toContain("Your place in “<b>Tea & cake</b>” is yours.");
    expect(email.html).toContain("Your place in “&#60;b&#62;Tea &#38; cake&#60;/b&#62;” is yours.");
    expect(email.html).not.toContain("<b>Tea");
    expect(email.html).toContain('href="https://app.test/unsubscribe?token=a&#38;b"');
    expect(email.text).toContain("Stop emails like this: https://app.test/unsubscribe?token=a&b");
  });
});

describe("Locale", () => {
  it.each([
    ["en", "en"],
    ["de", "de"],
    ["DE", "de"],
    ["de-AT", "de"],
    ["en-GB", "en"],
  ])("reads %s as %s", (tag, locale) => {
    expect(Locale.parse(tag)).toBe(locale);
  });

  it.each(["fr", "xx-", "not a tag", "", "e"])("refuses %j", (tag) => {
    expect(Locale.safeParse(tag).success).toBe(false);
  });
});

describe("ProfilePatch locale", () => {
  it("stores a supported tag as its language, and clears with null", () => {
    expect(ProfilePatch.parse({ locale: "de-CH" })).toEqual({ locale: "de" });
    expect(ProfilePatch.parse({ locale: null })).toEqual({ locale: null });
  });

  it("refuses a language emails are not written in", () => {
    expect(ProfilePatch.safeParse({ locale: "fr-FR" }).success).toBe(false);
  });
});
