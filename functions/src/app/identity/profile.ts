import type { ProfileOut, ProfilePatch } from "../../contracts/me.js";
import { AppError } from "../../domain/app-error.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import { patchedProfile } from "../../domain/identity/profile.js";
import type { User } from "../../domain/identity/user.js";
import type { Clock } from "../../ports/clock.js";
import type { UserRepository } from "../../ports/user-repository.js";
import { updateAggregate } from "../shared/update-aggregate.js";

/** The caller's own profile; authentication has just created their user if it was their first request. */
export async function getMe(deps: { users: UserRepository }, principal: Principal): Promise<ProfileOut> {
  const user = await deps.users.findById(requireUser(principal));
  if (!user) throw new AppError("not_found", "account not found");
  return presentProfile(user);
}

/** Changes the fields of the caller's profile that `patch` names; a refused patch changes nothing. */
export async function updateMe(deps: { users: UserRepository; clock: Clock }, principal: Principal, patch: ProfilePatch): Promise<ProfileOut> {
  const userId = requireUser(principal);
  const now = deps.clock.now();
  const saved = await updateAggregate(deps.users, userId, (user) => ({ next: { ...user, profile: patchedProfile(user.profile, patch, now) } }));
  if (!saved) throw new AppError("not_found", "account not found");
  return presentProfile(saved);
}

function presentProfile(user: User): ProfileOut {
  const { profile } = user;
  return {
    userId: user.id,
    displayName: profile.displayName,
    country: profile.country,
    birthDate: profile.birthDate,
    languages: profile.languages,
    demographics: profile.demographics,
    locale: profile.locale,
    updatedAt: profile.updatedAt?.toISOString() ?? null,
  };
}
