import { gaveBackPlace } from "../../../src/domain/claims/claim.js";
import type { OperationalEvent, OperationalEvents } from "../../../src/ports/operational-events.js";
import type { ReconciliationReads, TimeWindow } from "../../../src/ports/reconciliation-reads.js";
import type { InMemoryClaimRepository, InMemoryOpportunityRepository, InMemoryPointsLedger, InMemoryRewardRepository, InMemorySubmissionRepository } from "./in-memory-repositories.js";

/** The ledger's earn entries, in the form reconciliation reads them. */
const earnEntries = (ledger: InMemoryPointsLedger) =>
  ledger.all().flatMap(({ id, userId, points, rewardId, at, kind }) => (kind === "earn" && rewardId !== null ? [{ id, userId, points, rewardId, at }] : []));

const within = (at: Date | null, { from, to }: TimeWindow) => at !== null && at >= from && at < to;

/** Reconciliation's scans over the in-memory tables. */
export function inMemoryReconciliationReads(
  opportunities: InMemoryOpportunityRepository,
  claims: InMemoryClaimRepository,
  rewards: InMemoryRewardRepository,
  ledger: InMemoryPointsLedger,
  submissions: InMemorySubmissionRepository,
): ReconciliationReads {
  return {
    claimsCompletedIn: async (window, limit) => claims.table.all().filter((claim) => claim.status === "completed" && within(claim.completedAt, window)).slice(0, limit),
    rewardsOfClaims: async (claimIds) => rewards.table.all().filter((reward) => claimIds.includes(reward.claimId)),
    rewardsByIds: async (rewardIds) => rewards.table.all().filter((reward) => rewardIds.includes(reward.id)),
    pointsRewardsIssuedIn: async (window, limit) =>
      rewards.table.all().filter((reward) => reward.status === "issued" && reward.type === "points" && within(reward.issuedAt, window)).slice(0, limit),
    ledgerEntriesOfRewards: async (rewardIds) => earnEntries(ledger).filter((entry) => rewardIds.includes(entry.rewardId)),
    ledgerEntriesIn: async (window, limit) => earnEntries(ledger).filter((entry) => within(entry.at, window)).slice(0, limit),
    activeClaimsPastDeadline: async (before, limit) =>
      claims.table
        .all()
        .filter((claim) => claim.status === "active" && claim.deadline < before)
        .sort((a, b) => a.deadline.getTime() - b.deadline.getTime())
        .slice(0, limit),
    submissionsDecidedIn: async (window, limit) => submissions.table.all().filter((submission) => within(submission.review?.decidedAt ?? null, window)).slice(0, limit),
    placesOfActiveOpportunities: async (limit) =>
      opportunities.table
        .all()
        .filter((opportunity) => opportunity.status === "active")
        .slice(0, limit)
        .map((opportunity) => ({
          opportunityId: opportunity.id,
          claimsCount: opportunity.claimsCount,
          claims: claims.table.all().filter((claim) => claim.opportunityId === opportunity.id && !gaveBackPlace(claim.status)).length,
          reservations: opportunities.reservations.get(opportunity.id)?.length ?? 0,
        })),
  };
}

export class RecordingOperationalEvents implements OperationalEvents {
  readonly published: OperationalEvent[] = [];
  down = false;

  async publish(event: OperationalEvent) {
    if (this.down) throw new Error("Pub/Sub is unreachable");
    this.published.push(structuredClone(event));
  }
}
