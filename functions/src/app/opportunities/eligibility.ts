import type { Eligibility } from "../../contracts/opportunities.js";
import { AppError } from "../../domain/app-error.js";
import { emptyProfile, type Profile } from "../../domain/identity/profile.js";
import { eligibilityOf, hasConditions } from "../../domain/opportunities/eligibility.js";
import type { Opportunity } from "../../domain/opportunities/opportunity.js";
import type { UserRepository } from "../../ports/user-repository.js";

/** The participant's profile as eligibility reads it; a user not stored (yet) has filled in nothing. */
export async function profileOf(deps: { users: UserRepository }, userId: string): Promise<Profile> {
  return (await deps.users.findById(userId))?.profile ?? emptyProfile;
}

/**
 * Refuses a participant outside the opportunity's targeting with 403 `not_eligible` listing the
 * unmet conditions. An opportunity without targeting reads no profile.
 */
export async function assertEligible(deps: { users: UserRepository }, opportunity: Opportunity, userId: string, now: Date): Promise<void> {
  if (!hasConditions(opportunity.targeting)) return;
  const eligibility: Eligibility = eligibilityOf(opportunity.targeting, await profileOf(deps, userId), now);
  if (eligibility.eligible) return;
  throw new AppError("not_eligible", "you do not meet this opportunity's targeting", { unmet: eligibility.unmet });
}
