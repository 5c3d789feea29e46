import type { RedemptionOut } from "../../contracts/redemptions.js";
import { AppError } from "../../domain/app-error.js";
import { domainEvent } from "../../domain/events/domain-event.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import { completed, newRedemption, refundKey, refunded, refused, type Redemption } from "../../domain/redemptions/redemption.js";
import { redeemable } from "../../domain/redemptions/redemption-offer.js";
import type { PointsLedger } from "../../ports/points-ledger.js";
import type { RedemptionOfferRepository, RedemptionRepository } from "../../ports/redemption-repository.js";
import { dispatchEvents } from "../events/relay-outbox.js";
import { updateAggregate } from "../shared/update-aggregate.js";
import { allocateVoucher, type AllocateVoucherDeps } from "../vouchers/allocate-voucher.js";
import { presentRedemption, type ReadRedemptionDeps } from "./read-redemptions.js";

export type RedeemPointsDeps = AllocateVoucherDeps &
  ReadRedemptionDeps & { redemptionOffers: RedemptionOfferRepository; redemptions: RedemptionRepository; ledger: PointsLedger };

/**
 * Spends the caller's points on an offer for one of its codes. The redemption is recorded first,
 * under a key made of the caller and the request's Idempotency-Key, so a retry of a request that
 * crashed half-way finds it and finishes it rather than spending twice; then each step is
 * repeatable on its own (settleRedemption). A balance short of the cost is refused before
 * anything is stored; a pool found empty gives the points back and answers `pool_exhausted`.
 */
export async function redeemPoints(deps: RedeemPointsDeps, principal: Principal, offerId: string, idempotencyKey: string | undefined): Promise<RedemptionOut> {
  const userId = requireUser(principal);
  const id = deps.ids.next("rdm");
  const key = `${userId}:${idempotencyKey ?? id}`;
  const started = (await deps.redemptions.findByKey(key)) ?? (await start(deps, userId, offerId, key, id));
  if (started.offerId !== offerId) throw new AppError("idempotency_key_reused", "this Idempotency-Key redeemed another offer");
  const settled = await settleRedemption(deps, started);
  if (settled.status === "refused") throw new AppError("insufficient_points", `redeeming this offer takes ${settled.points} points`, { points: settled.points });
  if (settled.status === "refunded") throw new AppError("pool_exhausted", "this offer has no codes left; your points were given back", { offerId });
  return presentRedemption(deps, settled);
}

async function start(deps: RedeemPointsDeps, userId: string, offerId: string, key: string, id: string): Promise<Redemption> {
  const offer = await deps.redemptionOffers.findById(offerId);
  if (!offer) throw new AppError("not_found", "redemption offer not found");
  redeemable(offer);
  const balance = await deps.ledger.balance(userId);
  if (balance < offer.points) throw new AppError("insufficient_points", `the balance is ${balance} points; this offer takes ${offer.points}`, { balance, points: offer.points });
  const redemption = newRedemption(offer, userId, key, id, deps.clock.now());
  try {
    await deps.redemptions.insert(redemption);
    return redemption;
  } catch (error) {
    // The same request raced itself (a retry while the first was still running): one redemption.
    const first = error instanceof AppError && error.code === "conflict" ? await deps.redemptions.findByKey(key) : null;
    if (!first) throw error;
    return first;
  }
}

/**
 * Takes a pending redemption to its end, each step safe to repeat: the points debited once (a
 * ledger entry keyed by the redemption), a code allocated once (held by the redemption), then
 * `completed` with `points.redeemed.v1`. Short of points it ends `refused`, nothing taken; with no
 * code left, the points are credited back once (their own key) and it ends `refunded`. Run by the
 * request and, for a redemption a crash left pending, by the reconciliation.
 */
export async function settleRedemption(deps: RedeemPointsDeps, redemption: Redemption): Promise<Redemption> {
  if (redemption.status !== "pending") return redemption;
  const now = deps.clock.now();
  const debited = await deps.ledger.debit(redemption.userId, redemption.points, { kind: "redeem", key: redemption.id, reference: redemption.offerName, orgId: redemption.orgId, at: now }).then(
    () => true,
    (error: unknown) => {
      if (error instanceof AppError && error.code === "insufficient_points") return false;
      throw error;
    },
  );
  if (!debited) return finish(deps, redemption.id, (current) => ({ next: refused(current, now) }));
  const allocation = await allocateVoucher(deps, { kind: "redemption", id: redemption.id, userId: redemption.userId }, redemption.poolId);
  if (!allocation) {
    await deps.ledger.append({
      id: deps.ids.next("pte"),
      userId: redemption.userId,
      kind: "refund",
      points: redemption.points,
      key: refundKey(redemption),
      orgId: redemption.orgId,
      rewardId: null,
      expiresAt: null,
      expires: null,
      reason: redemption.offerName,
      at: now,
    });
    return finish(deps, redemption.id, (current) => ({ next: refunded(current, now) }));
  }
  const data = { redemptionId: redemption.id, offerId: redemption.offerId, userId: redemption.userId, points: redemption.points, poolId: redemption.poolId };
  return finish(deps, redemption.id, (current) => ({ next: completed(current, now), events: [domainEvent("points.redeemed.v1", current.orgId, data, deps.ids.next("evt"), now)] }));
}

/** Saves the redemption's end, unless another run already ended it; dispatches what it sent. */
async function finish(deps: RedeemPointsDeps, id: string, end: (current: Redemption) => { next: Redemption; events?: ReturnType<typeof domainEvent>[] }): Promise<Redemption> {
  const saved = await updateAggregate(deps.redemptions, id, (current) => (current.status === "pending" ? end(current) : null));
  if (!saved) throw new AppError("internal", `redemption ${id} vanished while it was settled`);
  await dispatchEvents(deps, { aggregate: "redemption", id });
  return saved;
}
