import type { PointsAdjustmentIn, PointsEntryOut } from "../../contracts/rewards.js";
import { AppError } from "../../domain/app-error.js";
import { domainEvent } from "../../domain/events/domain-event.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import type { PointsLedger } from "../../ports/points-ledger.js";
import { dispatchEvents, type DispatchDeps } from "../events/relay-outbox.js";
import { loadOrganizationFor } from "../organizations/load-organization.js";
import { presentPointsEntry } from "./present-points-entry.js";

export type AdjustPointsDeps = DispatchDeps & { organizations: OrganizationRepository; ledger: PointsLedger; ids: Ids; clock: Clock };

/**
 * An owner's or admin's correction of a participant's points, with a reason: appended to the
 * participant's ledger with `points.adjusted.v1` in the entry's own outbox. Only participants who
 * earned points from the organization can be adjusted by it (others are not_found: no probing of
 * who exists). A debit never takes the balance below zero. The entry is keyed by the request's
 * Idempotency-Key, so a retry whose stored answer was lost still adjusts once.
 */
export async function adjustPoints(deps: AdjustPointsDeps, principal: Principal, orgId: string, input: PointsAdjustmentIn, idempotencyKey: string | undefined): Promise<PointsEntryOut> {
  await loadOrganizationFor(deps.organizations, orgId, principal, "points:adjust");
  const adjustedBy = requireUser(principal);
  if (!(await deps.ledger.hasEarnedFrom(input.userId, orgId))) throw new AppError("not_found", "no participant with this id earned points from this organization");
  const now = deps.clock.now();
  const id = deps.ids.next("pte");
  const key = `adjust:${orgId}:${adjustedBy}:${idempotencyKey ?? id}`;
  const entry = await deps.ledger.append(
    { id, userId: input.userId, kind: "adjust", points: input.points, key, orgId, rewardId: null, expiresAt: null, expires: null, reason: input.reason, at: now },
    {
      events: (next) => [
        domainEvent("points.adjusted.v1", orgId, { entryId: next.id, userId: next.userId, points: next.points, balanceAfter: next.balanceAfter, reason: input.reason, adjustedBy }, deps.ids.next("evt"), now),
      ],
    },
  );
  await dispatchEvents(deps, { aggregate: "points_entry", id: entry.id });
  return presentPointsEntry(entry);
}
