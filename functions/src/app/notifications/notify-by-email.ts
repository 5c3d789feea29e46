import type { DomainEvent, EventOf } from "../../contracts/events.js";
import { AppError } from "../../domain/app-error.js";
import { isAdminEmailEvent, isParticipantEmailEvent, participantEmailEvents, type AdminEmailEvent, type ParticipantEmailEvent } from "../../domain/notifications/categories.js";
import { defaultLocale } from "../../domain/notifications/locales.js";
import { decideSend, notificationId, type Notification } from "../../domain/notifications/notification.js";
import { renderEmail, type RenderedEmail } from "../../domain/notifications/render-email.js";
import { signUnsubscribeToken } from "../../domain/notifications/unsubscribe-token.js";
import type { User } from "../../domain/identity/user.js";
import type { Clock } from "../../ports/clock.js";
import type { EmailDirectory } from "../../ports/email-directory.js";
import type { Mailer } from "../../ports/mailer.js";
import type { NotificationLog } from "../../ports/notification-log.js";
import type { OpportunityRepository } from "../../ports/opportunity-repository.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import type { UserRepository } from "../../ports/user-repository.js";
import type { VoucherCodeStore } from "../../ports/voucher-code-store.js";
import type { WebhookEndpointRepository } from "../../ports/webhook-endpoint-repository.js";
import { adminEmailContentOf, adminRecipientsOf } from "./admin-email-content.js";
import { emailContentOf, type EmailFacts } from "./email-content.js";

export interface NotifyByEmailDeps {
  users: UserRepository;
  opportunities: OpportunityRepository;
  organizations: OrganizationRepository;
  webhookEndpoints: WebhookEndpointRepository;
  voucherCodes: Pick<VoucherCodeStore, "findAllocationOf" | "findCode">;
  emailDirectory: EmailDirectory;
  notifications: NotificationLog;
  mailer: Mailer;
  clock: Clock;
  /** The participant app's address, for the links in every email. */
  appBaseUrl: string;
  /** The secret unsubscribe links are signed with (EMAIL_LINK_SECRET), read when first needed. */
  emailLinkSecret: () => string;
}

/**
 * The emails owed for `event`: to the participant it names, or to its organization's owners and
 * admins (webhook endpoints failing or disabled). Each is sent once per event and recipient however
 * often the event is delivered (domain/notifications/notification.ts says how, and where the
 * guarantee ends). Returns the outcome for the log: what this delivery did about each email.
 */
export async function notifyByEmail(deps: NotifyByEmailDeps, event: DomainEvent): Promise<string> {
  if (isParticipantEmailEvent(event.type)) {
    const participantEvent = event as EventOf<ParticipantEmailEvent>;
    return emailOnce(deps, event, participantEvent.data.userId, (user) => participantEmail(deps, participantEvent, user));
  }
  if (isAdminEmailEvent(event.type)) {
    const adminEvent = event as EventOf<AdminEmailEvent>;
    const organization = await deps.organizations.findById(event.orgId);
    const recipients = organization ? adminRecipientsOf(organization) : [];
    if (!organization || recipients.length === 0) return "no admin to email";
    const outcomes: string[] = [];
    // One after the other: a transient failure fails this delivery, and the redelivery finds the
    // emails already settled and sends only the rest.
    const about = emailSubjectOf(adminEvent);
    for (const userId of recipients) outcomes.push(await emailOnce(deps, event, userId, (user) => adminEmail(deps, adminEvent, organization.name, user), about));
    return outcomes.join("; ");
  }
  return "ignored";
}

/** What the email to one recipient says, or why none is sent (a detail for the record). */
type Composed = { kind: "email"; rendered: RenderedEmail; headers: Record<string, string> } | { kind: "skip"; detail: string };

/**
 * What an admin's email is about, which it is sent once for: the event itself, except that every
 * failing message of an endpoint is one email a day (a down endpoint fails every message sent to
 * it, and its admins need to hear once, not once per message).
 */
function emailSubjectOf(event: EventOf<AdminEmailEvent>): string {
  return event.type === "message.attempt.failing.v1" ? `failing.${event.data.endpointId}.${event.occurredAt.slice(0, 10)}` : event.id;
}

async function emailOnce(deps: NotifyByEmailDeps, event: DomainEvent, userId: string, compose: (user: User) => Promise<Composed>, about = event.id): Promise<string> {
  const id = notificationId(about, userId);
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
  const outcome = await send(deps, userId, id, compose);
  await deps.notifications.settle(id, outcome.state, deps.clock.now(), outcome.detail);
  return `email ${outcome.state}${outcome.detail ? ` (${outcome.detail})` : ""}`;
}

type SendOutcome = { state: "sent" | "refused" | "skipped"; detail: string | null };

async function send(deps: NotifyByEmailDeps, userId: string, id: string, compose: (user: User) => Promise<Composed>): Promise<SendOutcome> {
  const user = await deps.users.findById(userId);
  if (!user) return { state: "skipped", detail: "no_user" };
  const composed = await compose(user);
  if (composed.kind === "skip") return { state: "skipped", detail: composed.detail };
  const address = await deps.emailDirectory.verifiedAddressOf(user.identityKey);
  if (!address) return { state: "skipped", detail: "no_verified_address" };
  const { rendered, headers } = composed;
  const result = await deps.mailer.send({
    to: address,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    // The same for every attempt at this email: a repeat after a crash (the take-over) is one
    // message to any receiver that deduplicates by Message-ID.
    messageId: `<${id.replace(/[^A-Za-z0-9._-]/g, ".")}@notifications.user-x>`,
    headers,
  });
  return result.kind === "sent" ? { state: "sent", detail: null } : { state: "refused", detail: result.detail };
}

async function participantEmail(deps: NotifyByEmailDeps, event: EventOf<ParticipantEmailEvent>, user: User): Promise<Composed> {
  const category = participantEmailEvents[event.type];
  if (user.emailOptOuts.includes(category)) return { kind: "skip", detail: `opted_out:${category}` };
  const locale = user.profile.locale ?? defaultLocale;
  const content = emailContentOf(event, await factsOf(deps, event), locale);
  const token = signUnsubscribeToken(deps.emailLinkSecret(), { userId: user.id, category });
  // The body's link opens the confirmation page (a GET changes nothing); the header's is the API's
  // one-click URL, which mail clients POST to (RFC 8058) without anyone signing in.
  const rendered = renderEmail(locale, { ...content, preferencesUrl: `${deps.appBaseUrl}/preferences`, unsubscribeUrl: `${deps.appBaseUrl}/unsubscribe/${token}` });
  return { kind: "email", rendered, headers: { "List-Unsubscribe": `<${deps.appBaseUrl}/v1/unsubscribe/${token}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } };
}

async function adminEmail(deps: NotifyByEmailDeps, event: EventOf<AdminEmailEvent>, organizationName: string, user: User): Promise<Composed> {
  const endpoint = await deps.webhookEndpoints.findById(event.data.endpointId);
  const locale = user.profile.locale ?? defaultLocale;
  const content = adminEmailContentOf(event, { organization: organizationName, endpointUrl: endpoint?.url ?? event.data.endpointId, consoleUrl: `${deps.appBaseUrl}/console/webhooks/${event.data.endpointId}` });
  return { kind: "email", rendered: renderEmail(locale, content), headers: {} };
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
