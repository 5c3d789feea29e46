import type { PointsEntryOut } from "../../contracts/rewards.js";
import type { PointsEntry } from "../../domain/points/points-entry.js";

/** An entry as the API shows it: its key and the earn entry an expiry names stay internal. */
export function presentPointsEntry(entry: PointsEntry): PointsEntryOut {
  return {
    id: entry.id,
    userId: entry.userId,
    kind: entry.kind,
    points: entry.points,
    balanceAfter: entry.balanceAfter,
    orgId: entry.orgId,
    rewardId: entry.rewardId,
    expiresAt: entry.expiresAt?.toISOString() ?? null,
    reason: entry.reason,
    at: entry.at.toISOString(),
  };
}
