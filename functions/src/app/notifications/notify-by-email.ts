import type { DomainEvent, EventOf } from "../../contracts/events.js";
import { AppError } from "../../domain/app-error.js";
import { isParticipantEmailEvent, participantEmailEvents, type ParticipantEmailEvent } from "../../domain/notifications/categories.js";
import { defaultLocale } from "../../domain/notifications/locales.js";
import { decideSend, notificationId, type Notification } from "../../domain/notifications/notification.js";
import { renderEmail } from "../../domain/notifications/render-email.js";
import type { Clock } from "../../ports/clock.js";
import type { EmailDirectory } from "../../ports/email-directory.js";
import type { Mailer } from "../../ports/mailer.js";
import type { NotificationLog } from "../../ports/notification-log.js";
import type { OpportunityRepository } from "../../ports/opportunity-repository.js";
import type { UserRepository } from "../../ports/user-repository.js";
import type { VoucherCodeStore } from "../../ports/voucher-code-store.js";
import { emailContentOf, type EmailFacts } from "./email-content.js";

export interface NotifyByEmailDeps {
  users: UserRepository;
  opportunities: OpportunityRepository;
  voucherCodes: Pick<VoucherCodeStore, "findAllocationOf" | "findCode">;
  emailDirectory: EmailDirectory;
  notifications: NotificationLog;
  mailer: Mailer;
  clock: Clock;
  /** The participant app's address, for the links in every email. */
  appBaseUrl: string;
}

/**
 * The email a participant is owed for `event`, sent once however often the event is delivered
 * (domain/notifications/notification.ts says how, and where the guarantee ends). Returns the
 * outcome for the log: what this delivery did about the email.
 */
export async function notifyByEmail(deps: NotifyByEmailDeps, event: DomainEvent): Promise<string> {
  if (!isParticipantEmailEvent(event.type)) return "ignored";
  const participantEvent = event as EventOf<ParticipantEmailEvent>;
  const userId = participantEvent.data.userId;
  const id = notificationId(event.id, userId);
  const existing = await deps.notifications.find(id);
  const now = deps.clock.now();
  const decision = decideSend(existing, now);
  if (decision === "done") return `email ${existing?.state}`;
  if (decision === "wait") throw new AppError("unavailable", "another delivery of this event is sending its email; retry once it has settled", { notificationId: id });
  if (decision === "claim") {
    const claim: Notification = { id, eventId: event.id, userId, eventType: event.type, state: "sending", claimedAt: now, attempts: 1, settledAt: null, detail: null };
    if (!(await deps.notifications.claim(claim))) throw new AppError("unavailable", "another delivery claimed this email first; retry", { notificationId: id });
  } else if (!(await deps.notifications.takeOver(id, existing!.claimedAt, now))) {
    throw new AppError("unavailable", "another delivery took over this email first; retry", { notificationId: id });
  }
  const outcome = await send(deps, participantEvent, id);
  await deps.notifications.settle(id, outcome.state, deps.clock.now(), outcome.detail);
  return `email ${outcome.state}${outcome.detail ? ` (${outcome.detail})` : ""}`;
}

type SendOutcome = { state: "sent" | "refused" | "skipped"; detail: string | null };

async function send(deps: NotifyByEmailDeps, event: EventOf<ParticipantEmailEvent>, id: string): Promise<SendOutcome> {
  const user = await deps.users.findById(event.data.userId);
  if (!user) return { state: "skipped", detail: "no_user" };
  const category = participantEmailEvents[event.type];
  if (user.emailOptOuts.includes(category)) return { state: "skipped", detail: `opted_out:${category}` };
  const address = await deps.emailDirectory.verifiedAddressOf(user.identityKey);
  if (!address) return { state: "skipped", detail: "no_verified_address" };
  const locale = user.profile.locale ?? defaultLocale;
  const content = emailContentOf(event, await factsOf(deps, event), locale);
  const rendered = renderEmail(locale, { ...content, preferencesUrl: `${deps.appBaseUrl}/preferences` });
  const result = await deps.mailer.send({
    to: address,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    // The same for every attempt at this email: a repeat after a crash (the take-over) is one
    // message to any receiver that deduplicates by Message-ID.
    messageId: `<${id.replace(/[^A-Za-z0-9._-]/g, ".")}@notifications.user-x>`,
    headers: {},
  });
  return result.kind === "sent" ? { state: "sent", detail: null } : { state: "refused", detail: result.detail };
}

async function factsOf(deps: NotifyByEmailDeps, event: EventOf<ParticipantEmailEvent>): Promise<EmailFacts> {
  const opportunityId = "opportunityId" in event.data ? event.data.opportunityId : undefined;
  const opportunity = opportunityId ? await deps.opportunities.findById(opportunityId) : null;
  let voucherCode: string | null = null;
  if (event.type === "reward.issued.v1" && event.data.type === "voucher") {
    // Read as GET /v1/rewards/{rewardId}/voucher reads it (app/vouchers/read-vouchers.ts).
    const allocation = await deps.voucherCodes.findAllocationOf(event.data.rewardId);
    const code = allocation ? await deps.voucherCodes.findCode(allocation.poolId, allocation.number) : null;
    voucherCode = code?.code ?? null;
  }
  return { opportunityTitle: opportunity?.title ?? "", voucherCode };
}
