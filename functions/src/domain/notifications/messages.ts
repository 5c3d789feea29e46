import type { SupportedLocale } from "./locales.js";

// Every email's wording, as ICU MessageFormat strings (rendered by intl-messageformat), one catalog
// per supported locale. Every catalog has every key (a unit test checks it): the `Catalog` type
// makes a missing key a type error, the test also catches a placeholder one locale forgot.
// Messages hold no markup: the renderer escapes what they produce for the HTML body.

const en = {
  greeting: "Hello,",
  footer: "You receive this email because you take part in opportunities on User-X.",
  unsubscribe: "Stop emails like this: {url}",
  preferences: "Choose which emails you receive: {url}",
  "claim.created.subject": "You claimed “{opportunity}”",
  "claim.created.body": "Your place in “{opportunity}” is yours. Complete its tasks before the deadline to earn its reward.",
  "submission.approved.subject": "Your work on “{opportunity}” was approved",
  "submission.approved.body": "Good news: your submission for “{opportunity}” was approved.",
  "submission.rejected.subject": "Your work on “{opportunity}” was not approved",
  "submission.rejected.body":
    "Your submission for “{opportunity}” was not approved. Reason: {reason, select, failed_checks {it did not pass the automatic checks} incomplete {it is incomplete} low_quality {its quality is too low} off_target {it does not match what was asked} duplicate {it duplicates another submission} suspected_fraud {it looks fraudulent} guidelines_violation {it breaks the guidelines} other {other}}. {attemptsLeft, plural, =0 {You have no attempts left.} one {You have one attempt left.} other {You have # attempts left.}}",
  "reward.issued.subject": "Your reward has arrived",
  "reward.issued.body":
    "{type, select, points {You earned {value, plural, one {# point} other {# points}}.} cash {You earned {amount}; it is on its way to you.} other {You earned a voucher.}}",
  "reward.issued.voucher": "Your voucher code: {code}",
  "payout.paid.subject": "{amount} has been paid to you",
  "payout.paid.body": "Your payout of {amount} has been paid.",
  "payout.failed.subject": "Your payout could not be paid",
  "payout.failed.body":
    "We could not pay your payout: {reason, select, provider_refused {the payment provider refused it} delivery_failed {it could not be delivered} other {an error}}. Check your payout details in the app.",
  "endpoint.disabled.subject": "A webhook endpoint of {organization} was disabled",
  "endpoint.disabled.body":
    "The webhook endpoint {url} of {organization} was disabled: {reason, select, gone {it answered 410 Gone} other {its deliveries kept failing}}. No messages are sent to it any more; enable it again in the console once it works.",
  "message.failing.subject": "Webhook deliveries to {url} are failing",
  "message.failing.body":
    "Deliveries of {eventType} to the webhook endpoint {url} of {organization} are failing: {attempts, plural, one {# attempt} other {# attempts}} so far{lastStatus, select, none {, without an answer} other {, the last answered {lastStatus}}}. We keep retrying.",
  "admin.console": "Open the endpoint in the console: {url}",
  "admin.footer": "You receive this email because you are an owner or admin of {organization} on User-X.",
} as const;

export type MessageKey = keyof typeof en;
type Catalog = Record<MessageKey, string>;

const de: Catalog = {
  greeting: "Hallo,",
  footer: "Sie erhalten diese E-Mail, weil Sie bei User-X an Aufgaben teilnehmen.",
  unsubscribe: "Keine E-Mails dieser Art mehr: {url}",
  preferences: "Wählen Sie, welche E-Mails Sie erhalten: {url}",
  "claim.created.subject": "Sie haben „{opportunity}“ übernommen",
  "claim.created.body": "Ihr Platz in „{opportunity}“ ist reserviert. Erledigen Sie die Aufgaben vor Ablauf der Frist, um die Belohnung zu erhalten.",
  "submission.approved.subject": "Ihre Arbeit zu „{opportunity}“ wurde angenommen",
  "submission.approved.body": "Gute Nachrichten: Ihre Einreichung zu „{opportunity}“ wurde angenommen.",
  "submission.rejected.subject": "Ihre Arbeit zu „{opportunity}“ wurde nicht angenommen",
  "submission.rejected.body":
    "Ihre Einreichung zu „{opportunity}“ wurde nicht angenommen. Grund: {reason, select, failed_checks {sie hat die automatischen Prüfungen nicht bestanden} incomplete {sie ist unvollständig} low_quality {ihre Qualität reicht nicht aus} off_target {sie entspricht nicht der Aufgabe} duplicate {sie doppelt eine andere Einreichung} suspected_fraud {sie wirkt betrügerisch} guidelines_violation {sie verstößt gegen die Richtlinien} other {sonstiges}}. {attemptsLeft, plural, =0 {Sie haben keine Versuche mehr.} one {Sie haben noch einen Versuch.} other {Sie haben noch # Versuche.}}",
  "reward.issued.subject": "Ihre Belohnung ist da",
  "reward.issued.body":
    "{type, select, points {Sie haben {value, plural, one {# Punkt} other {# Punkte}} erhalten.} cash {Sie haben {amount} erhalten; der Betrag ist unterwegs.} other {Sie haben einen Gutschein erhalten.}}",
  "reward.issued.voucher": "Ihr Gutscheincode: {code}",
  "payout.paid.subject": "{amount} wurden an Sie ausgezahlt",
  "payout.paid.body": "Ihre Auszahlung von {amount} ist erfolgt.",
  "payout.failed.subject": "Ihre Auszahlung ist fehlgeschlagen",
  "payout.failed.body":
    "Wir konnten Ihre Auszahlung nicht ausführen: {reason, select, provider_refused {der Zahlungsanbieter hat sie abgelehnt} delivery_failed {sie konnte nicht zugestellt werden} other {ein Fehler}}. Prüfen Sie Ihre Auszahlungsdaten in der App.",
  "endpoint.disabled.subject": "Ein Webhook-Endpunkt von {organization} wurde deaktiviert",
  "endpoint.disabled.body":
    "Der Webhook-Endpunkt {url} von {organization} wurde deaktiviert: {reason, select, gone {er hat mit 410 Gone geantwortet} other {seine Zustellungen sind wiederholt fehlgeschlagen}}. Es werden keine Nachrichten mehr an ihn gesendet; aktivieren Sie ihn in der Konsole wieder, sobald er funktioniert.",
  "message.failing.subject": "Webhook-Zustellungen an {url} schlagen fehl",
  "message.failing.body":
    "Zustellungen von {eventType} an den Webhook-Endpunkt {url} von {organization} schlagen fehl: bisher {attempts, plural, one {# Versuch} other {# Versuche}}{lastStatus, select, none {, ohne Antwort} other {, zuletzt mit Status {lastStatus}}}. Wir versuchen es weiter.",
  "admin.console": "Den Endpunkt in der Konsole öffnen: {url}",
  "admin.footer": "Sie erhalten diese E-Mail, weil Sie Inhaber oder Admin von {organization} bei User-X sind.",
};

export const catalogs: Record<SupportedLocale, Catalog> = { en, de };
