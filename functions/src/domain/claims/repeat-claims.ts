import { AppError } from "../app-error.js";
import type { Opportunity } from "../opportunities/opportunity.js";
import type { Claim } from "./claim.js";

/** What an opportunity says of claiming it again: how many claims one participant may make, and the wait after each ends. */
export type RepeatRules = Pick<Opportunity, "maxClaimsPerUser" | "claimCooldownMinutes">;

/**
 * The sequence number of the participant's next claim of an opportunity, given their newest one
 * (`latest`, null before their first). A participant holds one claim of an opportunity at a time,
 * makes at most `maxClaimsPerUser` of them (every claim counts, however it ended, so a claim
 * withdrawn is not a way around the limit), and waits `claimCooldownMinutes` after a claim ends
 * before the next. The number is part of the claims' unique key (opportunity, participant,
 * sequence): of two requests racing for the same next claim, one writes it.
 */
export function nextClaimSequence(rules: RepeatRules, latest: Claim | null, now: Date): number {
  if (latest === null) return 1;
  if (latest.status === "active") {
    throw new AppError("already_claimed", "you already hold a claim on this opportunity", { claimId: latest.id });
  }
  if (latest.sequence >= rules.maxClaimsPerUser) {
    const times = rules.maxClaimsPerUser === 1 ? "once" : `${rules.maxClaimsPerUser} times`;
    throw new AppError("claim_limit_reached", `a participant may claim this opportunity ${times}`, { claimId: latest.id, maxClaimsPerUser: rules.maxClaimsPerUser });
  }
  const retryAt = new Date(endedAt(latest).getTime() + rules.claimCooldownMinutes * 60_000);
  if (retryAt > now) {
    throw new AppError("claim_cooldown", "your last claim of this opportunity ended too recently to claim it again", {
      claimId: latest.id,
      retryAt: retryAt.toISOString(),
    });
  }
  return latest.sequence + 1;
}

/** When a claim that is no longer active ended, however it ended. */
export function endedAt(claim: Claim): Date {
  const ended = claim.completedAt ?? claim.withdrawnAt ?? claim.expiredAt ?? claim.rejectedAt;
  if (ended === null) throw new Error(`claim ${claim.id} is ${claim.status} and records no end`);
  return ended;
}
