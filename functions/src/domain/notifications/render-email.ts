import { IntlMessageFormat } from "intl-messageformat";
import type { SupportedLocale } from "./locales.js";
import { catalogs, type MessageKey } from "./messages.js";

/** Values a message's placeholders take. */
export type MessageValues = Record<string, string | number>;

/** One email's parts as the templates say them: a subject and paragraphs, links at the end. */
export interface EmailContent {
  subject: { key: MessageKey; values: MessageValues };
  paragraphs: { key: MessageKey; values: MessageValues }[];
  /** Why the recipient gets the email; the participant's footer unless said otherwise. */
  footer?: { key: MessageKey; values: MessageValues };
  /** The participant's email preferences page; emails to organization admins have none. */
  preferencesUrl?: string;
  /** The one-click unsubscribe link of the email's category, when it has one. */
  unsubscribeUrl?: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const formatters = new Map<string, IntlMessageFormat>();

/** One message in `locale`; formatters are compiled once per instance. */
export function formatMessage(locale: SupportedLocale, key: MessageKey, values: MessageValues = {}): string {
  const cacheKey = `${locale}\u0000${key}`;
  let formatter = formatters.get(cacheKey);
  if (!formatter) {
    formatter = new IntlMessageFormat(catalogs[locale][key], locale);
    formatters.set(cacheKey, formatter);
  }
  return String(formatter.format(values));
}

/** The email in `locale`, as text and as HTML (every formatted message escaped). */
export function renderEmail(locale: SupportedLocale, content: EmailContent): RenderedEmail {
  const subject = formatMessage(locale, content.subject.key, content.subject.values);
  const body = content.paragraphs.map(({ key, values }) => formatMessage(locale, key, values));
  const preferences = content.preferencesUrl ? formatMessage(locale, "preferences", { url: content.preferencesUrl }) : undefined;
  const unsubscribe = content.unsubscribeUrl ? formatMessage(locale, "unsubscribe", { url: content.unsubscribeUrl }) : undefined;
  const footer = content.footer ? formatMessage(locale, content.footer.key, content.footer.values) : formatMessage(locale, "footer");
  const greeting = formatMessage(locale, "greeting");
  const text = [greeting, ...body, "--", footer, ...(preferences ? [preferences] : []), ...(unsubscribe ? [unsubscribe] : [])].join("\n\n") + "\n";
  const links = [
    ...(content.preferencesUrl ? [link(content.preferencesUrl, formatMessage(locale, "preferences", { url: "" }))] : []),
    ...(content.unsubscribeUrl ? [link(content.unsubscribeUrl, formatMessage(locale, "unsubscribe", { url: "" }))] : []),
  ];
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family: sans-serif; line-height: 1.5">
<p>${escapeHtml(greeting)}</p>
${body.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join("\n")}
<hr>
<p style="color: #555; font-size: smaller">${escapeHtml(footer)}${links.length > 0 ? `<br>\n${links.join(" · ")}` : ""}</p>
</body></html>
`;
  return { subject, text, html };
}

/** A link labelled by a message whose URL placeholder was left empty ("… emails you receive: "). */
function link(url: string, labelWithEmptyUrl: string): string {
  return `<a href="${escapeHtml(url)}">${escapeHtml(labelWithEmptyUrl.replace(/:\s*$/, ""))}</a>`;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
