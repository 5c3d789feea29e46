/** Each participant's points, as an append-only list of entries. */
export interface PointsLedger {
  /** Credits points once per entry id: a repeated entry id changes nothing. */
  credit(entry: { id: string; userId: string; points: number; rewardId: string; at: Date }): Promise<void>;
  balance(userId: string): Promise<number>;
}
