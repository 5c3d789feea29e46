import type { EmailPreferencesOut, EmailPreferencesPatch, UnsubscribeLinkOut } from "../../contracts/email-preferences.js";
import { AppError } from "../../domain/app-error.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import type { User } from "../../domain/identity/user.js";
import { optOutsAfter, preferencesOf } from "../../domain/notifications/email-preferences.js";
import { verifyUnsubscribeToken, type UnsubscribeTarget } from "../../domain/notifications/unsubscribe-token.js";
import type { UserRepository } from "../../ports/user-repository.js";
import { updateAggregate } from "../shared/update-aggregate.js";

export interface EmailPreferenceDeps {
  users: UserRepository;
  /** The secret unsubscribe links are signed with (EMAIL_LINK_SECRET), read when first needed. */
  emailLinkSecret: () => string;
}

/** The categories of email the caller receives. */
export async function getEmailPreferences(deps: Pick<EmailPreferenceDeps, "users">, principal: Principal): Promise<EmailPreferencesOut> {
  const user = await deps.users.findById(requireUser(principal));
  if (!user) throw new AppError("not_found", "account not found");
  return preferencesOf(user.emailOptOuts);
}

/** Turns the categories `patch` names on or off; a patch that changes nothing writes nothing. */
export async function updateEmailPreferences(deps: Pick<EmailPreferenceDeps, "users">, principal: Principal, patch: EmailPreferencesPatch): Promise<EmailPreferencesOut> {
  const saved = await changeOptOuts(deps, requireUser(principal), patch);
  return preferencesOf(saved.emailOptOuts);
}

/** What an unsubscribe link stops, for its confirmation page: reads only. */
export async function getUnsubscribeLink(deps: EmailPreferenceDeps, token: string): Promise<UnsubscribeLinkOut> {
  const target = verified(deps, token);
  const user = await deps.users.findById(target.userId);
  if (!user) throw notOurs();
  return { category: target.category, subscribed: preferencesOf(user.emailOptOuts)[target.category] };
}

/** RFC 8058's one-click unsubscribe: the link's category stops; a repeat changes nothing and answers the same. */
export async function unsubscribe(deps: EmailPreferenceDeps, token: string): Promise<UnsubscribeLinkOut> {
  const target = verified(deps, token);
  const saved = await changeOptOuts(deps, target.userId, { [target.category]: false }, notOurs);
  return { category: target.category, subscribed: preferencesOf(saved.emailOptOuts)[target.category] };
}

async function changeOptOuts(deps: Pick<EmailPreferenceDeps, "users">, userId: string, change: EmailPreferencesPatch, missing = () => new AppError("not_found", "account not found")): Promise<User> {
  const saved = await updateAggregate(deps.users, userId, (user) => {
    const optOuts = optOutsAfter(user.emailOptOuts, change);
    return optOuts ? { next: { ...user, emailOptOuts: optOuts } } : null;
  });
  if (!saved) throw missing();
  return saved;
}

function verified(deps: EmailPreferenceDeps, token: string): UnsubscribeTarget {
  const target = verifyUnsubscribeToken(deps.emailLinkSecret(), token);
  if (!target) throw notOurs();
  return target;
}

// One answer for a forged token and for a user since deleted: the link tells a stranger nothing.
const notOurs = () => new AppError("forbidden", "this unsubscribe link is not valid", { reason: "invalid_unsubscribe_link" });
