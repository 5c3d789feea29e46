import { AppError } from "../../domain/app-error.js";
import { domainEvent } from "../../domain/events/domain-event.js";
import { dueExpiries, remainingLots } from "../../domain/points/points-entry.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { Logger } from "../../ports/logger.js";
import type { PointsLedger } from "../../ports/points-ledger.js";
import { dispatchEvents, type DispatchDeps } from "../events/relay-outbox.js";

export type ExpirePointsDeps = DispatchDeps & { ledger: PointsLedger; ids: Ids; clock: Clock; logger: Logger };

/** Participants one run looks at; the next run (minutes later) takes the rest. */
const participantsPerRun = 200;
/** Fresh reads of one participant's ledger before the run leaves them to the next run. */
const attemptsPerParticipant = 5;

/**
 * Expires what is left of every earn entry past its expiry, oldest first: one `expire` entry per
 * earn entry, keyed by it, so a repeated or overlapping run expires nothing twice. Each expiry is
 * appended only if the ledger is still as it was read (afterSeq): a redemption racing the run makes
 * it read again, so an expiry never takes points a debit already spent. Earn entries with nothing
 * left are marked settled, so later runs stop reading them. Emits `points.expired.v1`.
 */
export async function expirePoints(deps: ExpirePointsDeps): Promise<{ participants: number; expired: number; failed: number }> {
  const now = deps.clock.now();
  const userIds = await deps.ledger.usersWithDueExpiries(now, participantsPerRun);
  let expired = 0;
  let failed = 0;
  for (const userId of userIds) {
    try {
      expired += await expireParticipant(deps, userId, now);
    } catch (error) {
      // One participant's failure must not stop the others; the next run tries again.
      failed += 1;
      deps.logger.error("points.expiry.failed", { userId, cause: error instanceof Error ? error.message : String(error) });
    }
  }
  return { participants: userIds.length, expired, failed };
}

async function expireParticipant(deps: ExpirePointsDeps, userId: string, now: Date): Promise<number> {
  for (let attempt = 1; attempt <= attemptsPerParticipant; attempt++) {
    const entries = await deps.ledger.entries(userId);
    let seq = entries.at(-1)?.seq ?? 0;
    let expired = 0;
    try {
      for (const lot of dueExpiries(entries, now)) {
        const entry = await deps.ledger.append(
          { id: deps.ids.next("pte"), userId, kind: "expire", points: -lot.remaining, key: `expire:${lot.entryId}`, orgId: lot.orgId, rewardId: null, expiresAt: null, expires: lot.entryId, reason: null, at: now },
          {
            afterSeq: seq,
            // Credits written before entries named their organization have no one to tell.
            events: (next) => (lot.orgId === null ? [] : [domainEvent("points.expired.v1", lot.orgId, { entryId: next.id, userId, points: next.points, balanceAfter: next.balanceAfter, earnEntryId: lot.entryId }, deps.ids.next("evt"), now)]),
          },
        );
        seq = entry.seq;
        expired += 1;
        await dispatchEvents(deps, { aggregate: "points_entry", id: entry.id });
      }
    } catch (error) {
      if (error instanceof AppError && (error.code === "conflict" || error.code === "insufficient_points")) continue;
      throw error;
    }
    const settled = remainingLots(await deps.ledger.entries(userId)).filter((lot) => lot.remaining === 0 && lot.expiresAt !== null && lot.expiresAt <= now);
    await deps.ledger.markSettled(settled.map((lot) => lot.entryId));
    return expired;
  }
  throw new AppError("conflict", "the participant's ledger kept moving; the next run tries again");
}
