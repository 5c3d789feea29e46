import { AppError } from "../app-error.js";
import { emptyProfile } from "./profile.js";
import type { User } from "./user.js";

/**
 * How long an erasure waits before it is done: the participant may change their mind (or a
 * stolen session be noticed) until then. Within what Cloud Tasks schedules ahead (30 days).
 */
export const erasureGraceDays = 7;
const dayMs = 24 * 60 * 60 * 1000;

/** The user with an erasure scheduled; asking again keeps the first request and its date. */
export function withErasureRequested(user: User, now: Date, graceMs: number = erasureGraceDays * dayMs): User {
  if (user.erasedAt) throw alreadyErased();
  if (user.erasure) return user;
  return { ...user, erasure: { requestedAt: now, erasesAt: new Date(now.getTime() + graceMs) } };
}

/** The user with their pending erasure cancelled; `invalid_state` when there is none. */
export function withErasureCancelled(user: User): User {
  if (user.erasedAt) throw alreadyErased();
  if (!user.erasure) throw new AppError("invalid_state", "no erasure is scheduled", { reason: "no_erasure_scheduled" });
  return { ...user, erasure: null };
}

export const isErasureDue = (user: User, now: Date): boolean => user.erasure !== null && user.erasedAt === null && user.erasure.erasesAt.getTime() <= now.getTime();

/**
 * The user as kept after erasure: no profile, no preferences, and an identity key that no sign-in
 * matches (signing in again makes a new, empty user). The document stays, so that the ledgers
 * and claims that name its id still point at something.
 */
export function erasedUser(user: User, now: Date): User {
  return { ...user, identityKey: `erased:${user.id}`, profile: emptyProfile, emailOptOuts: [], erasedAt: now };
}

const alreadyErased = () => new AppError("invalid_state", "this account was erased", { reason: "erased" });
