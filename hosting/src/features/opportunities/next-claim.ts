import type { Claim, Opportunity } from "@user-x/sdk";

/**
 * What the participant may do next with an opportunity, given their newest claim of it (the API's
 * rules, functions/src/domain/claims/repeat-claims.ts, read ahead so the page can say so before a
 * refused request): claim it, carry on with the claim they hold, wait out the cooldown, or nothing
 * more once every claim they may make is made.
 */
export type NextClaim =
  | { kind: "claim"; previous: Claim | null }
  | { kind: "continue"; claimId: string }
  | { kind: "cooldown"; previous: Claim; retryAt: Date }
  | { kind: "limit_reached"; previous: Claim };

export function nextClaim(opportunity: Pick<Opportunity, "maxClaimsPerUser" | "claimCooldownMinutes">, latest: Claim | null, now: Date): NextClaim {
  if (latest === null) return { kind: "claim", previous: null };
  if (latest.status === "active") return { kind: "continue", claimId: latest.id };
  if (latest.sequence >= opportunity.maxClaimsPerUser) return { kind: "limit_reached", previous: latest };
  const ended = latest.completedAt ?? latest.withdrawnAt ?? latest.expiredAt ?? latest.rejectedAt;
  const retryAt = new Date(new Date(ended ?? latest.createdAt).getTime() + opportunity.claimCooldownMinutes * 60_000);
  return retryAt > now ? { kind: "cooldown", previous: latest, retryAt } : { kind: "claim", previous: latest };
}

/** How often a participant may claim it, said plainly; undefined for a one-off. */
export function repeatRule(opportunity: Pick<Opportunity, "maxClaimsPerUser" | "claimCooldownMinutes">): string | undefined {
  if (opportunity.maxClaimsPerUser === 1) return undefined;
  const wait = opportunity.claimCooldownMinutes === 0 ? "" : `, ${formatMinutes(opportunity.claimCooldownMinutes)} after each ends`;
  return `You may claim it up to ${opportunity.maxClaimsPerUser} times, one at a time${wait}.`;
}

/** A span of minutes in the largest whole unit that says it exactly: "90 minutes", "2 hours", "1 day". */
export function formatMinutes(minutes: number): string {
  const units: [string, number][] = [
    ["day", 24 * 60],
    ["hour", 60],
  ];
  for (const [unit, size] of units) {
    if (minutes >= size && minutes % size === 0) return plural(minutes / size, unit);
  }
  return plural(minutes, "minute");
}

const plural = (count: number, unit: string) => `${count} ${unit}${count === 1 ? "" : "s"}`;
