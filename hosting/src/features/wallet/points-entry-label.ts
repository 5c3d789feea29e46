import type { PointsEntry } from "@user-x/sdk";

/** What an entry of the ledger means, in the participant's words. */
export function pointsEntryLabel(entry: PointsEntry): string {
  switch (entry.kind) {
    case "earn":
      return "Earned";
    case "redeem":
      return "Redeemed";
    case "refund":
      return "Given back (no codes were left)";
    case "expire":
      return "Expired";
    case "adjust":
      return entry.points > 0 ? "Added by the organization" : "Removed by the organization";
  }
}

/** Signed points, as a statement shows them: +50, −20. */
export function signedPoints(points: number): string {
  return points > 0 ? `+${points}` : `\u2212${Math.abs(points)}`;
}
