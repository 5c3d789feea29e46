import type { EventOf } from "../../contracts/events.js";
import type { EmailContent, MessageValues } from "../../domain/notifications/render-email.js";
import type { ParticipantEmailEvent } from "../../domain/notifications/categories.js";
import type { SupportedLocale } from "../../domain/notifications/locales.js";
import type { MessageKey } from "../../domain/notifications/messages.js";

/** What an email about one event says beyond its wording: the opportunity's title, a voucher code. */
export interface EmailFacts {
  opportunityTitle: string;
  voucherCode: string | null;
}

type Paragraph = { key: MessageKey; values: MessageValues };

/** The subject and paragraphs of the email about `event`, for a recipient reading `locale`. */
export function emailContentOf(event: EventOf<ParticipantEmailEvent>, facts: EmailFacts, locale: SupportedLocale): Pick<EmailContent, "subject" | "paragraphs"> {
  const opportunity = facts.opportunityTitle;
  const about = (prefix: string, values: MessageValues, extra: Paragraph[] = []) => ({
    subject: { key: `${prefix}.subject` as MessageKey, values },
    paragraphs: [{ key: `${prefix}.body` as MessageKey, values }, ...extra],
  });
  switch (event.type) {
    case "claim.created.v1":
      return about("claim.created", { opportunity });
    case "submission.approved.v1":
      return about("submission.approved", { opportunity });
    case "submission.rejected.v1":
      return about("submission.rejected", { opportunity, reason: event.data.reasonCode, attemptsLeft: event.data.attemptsLeft });
    case "reward.issued.v1": {
      const { type, value, currency } = event.data;
      const amount = type === "cash" && currency ? money(value, currency, locale) : "";
      const voucher: Paragraph[] = type === "voucher" && facts.voucherCode ? [{ key: "reward.issued.voucher", values: { code: facts.voucherCode } }] : [];
      return about("reward.issued", { type, value, amount }, voucher);
    }
    case "payout.paid.v1":
      return about("payout.paid", { amount: money(event.data.amount, event.data.currency, locale) });
    case "payout.failed.v1":
      return about("payout.failed", { reason: event.data.reason });
  }
}

/** An amount in minor units (cents), as the locale writes money. */
function money(minorUnits: number, currency: string, locale: SupportedLocale): string {
  const format = new Intl.NumberFormat(locale, { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minorUnits / 10 ** digits);
}
