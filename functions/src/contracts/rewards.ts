import { z } from "zod";
import { ClaimId, OpportunityId, OrgId, PageQuery, RewardId, Timestamp, UserId, page } from "./common.js";
import { defineRoute } from "./route.js";
import { VoucherPoolId } from "./vouchers.js";

export const RewardType = z.enum(["points", "voucher", "cash"]);
/** `pending` until issued; `failed` when it could not be (see `failureReason`), and retried from there when it can. */
export const RewardStatus = z.enum(["pending", "issued", "failed"]);
/** Why a reward is `failed`: its voucher pool had no code left; its payout was refused for good. */
export const RewardFailureReason = z.enum(["pool_exhausted", "payout_failed"]);
export type RewardFailureReason = z.infer<typeof RewardFailureReason>;

export const RewardOut = z
  .object({
    id: RewardId,
    claimId: ClaimId,
    opportunityId: OpportunityId,
    orgId: OrgId,
    userId: UserId,
    type: RewardType,
    /** Points, or minor units of `currency` (contracts/money.ts). */
    value: z.number().int(),
    currency: z.string().nullable(),
    status: RewardStatus,
    failureReason: RewardFailureReason.nullable(),
    /** The pool a voucher reward's code comes from; null for points and cash. */
    poolId: VoucherPoolId.nullable(),
    issuedAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: "Reward" });
export type RewardOut = z.infer<typeof RewardOut>;

export const PointsBalanceOut = z.object({ userId: UserId, points: z.number().int() }).meta({ id: "PointsBalance" });
export type PointsBalanceOut = z.infer<typeof PointsBalanceOut>;

export const PointsEntryKind = z.enum(["earn", "redeem", "refund", "expire", "adjust"]);

/** One entry of a participant's points ledger, with the balance it left. */
export const PointsEntryOut = z
  .object({
    id: z.string(),
    userId: UserId,
    kind: PointsEntryKind,
    /** Signed: positive credits, negative debits. */
    points: z.number().int(),
    balanceAfter: z.number().int(),
    orgId: OrgId.nullable(),
    rewardId: RewardId.nullable(),
    /** When the points of an earn entry expire (what is left of them then). */
    expiresAt: Timestamp.nullable(),
    reason: z.string().nullable(),
    at: Timestamp,
  })
  .meta({ id: "PointsEntry" });
export type PointsEntryOut = z.infer<typeof PointsEntryOut>;

/** An organization admin's correction of a participant's points, with the reason the participant will see. */
export const PointsAdjustmentIn = z
  .strictObject({
    userId: UserId,
    points: z.number().int().min(-1_000_000_000).max(1_000_000_000).refine((points) => points !== 0, "points must not be 0"),
    reason: z.string().trim().min(3).max(500),
  })
  .meta({ id: "PointsAdjustmentIn" });
export type PointsAdjustmentIn = z.infer<typeof PointsAdjustmentIn>;

export const rewardRoutes = {
  listRewards: defineRoute({
    operationId: "listRewards",
    method: "GET",
    path: "/v1/rewards",
    summary: "List the caller's rewards, newest first",
    tag: "Rewards",
    auth: { kind: "user" },
    query: PageQuery,
    response: { status: 200, schema: page(RewardOut) },
  }),
  getPointsBalance: defineRoute({
    operationId: "getPointsBalance",
    method: "GET",
    path: "/v1/rewards/points",
    summary: "The caller's points balance, summed from the points ledger",
    tag: "Rewards",
    auth: { kind: "user" },
    response: { status: 200, schema: PointsBalanceOut },
  }),
  // The balance's first path, before the points ledger had routes of its own under /v1/rewards/points.
  getBalance: defineRoute({
    operationId: "getBalance",
    method: "GET",
    path: "/v1/rewards/balance",
    summary: "Deprecated alias of getPointsBalance (GET /v1/rewards/points): the caller's points balance",
    tag: "Rewards",
    auth: { kind: "user" },
    deprecated: { since: "2026-11-29", sunset: "2027-05-31", successor: "/v1/rewards/points" },
    response: { status: 200, schema: PointsBalanceOut },
  }),
  listPointsEntries: defineRoute({
    operationId: "listPointsEntries",
    method: "GET",
    path: "/v1/rewards/points/entries",
    summary: "The caller's points ledger entries (earned, redeemed, expired, adjusted), newest first",
    tag: "Rewards",
    auth: { kind: "user" },
    query: PageQuery,
    response: { status: 200, schema: page(PointsEntryOut) },
  }),
} as const;

export const pointsAdjustmentRoutes = {
  adjustPoints: defineRoute({
    operationId: "adjustPoints",
    audit: "points.adjusted",
    method: "POST",
    path: "/v1/organizations/{orgId}/points-adjustments",
    summary:
      "Credit or debit points of a participant who earned points from the organization, with a reason (owners and admins). A debit never takes the balance below zero (insufficient_points). A retry with the same Idempotency-Key adjusts once",
    tag: "Rewards",
    auth: { kind: "user" },
    params: z.strictObject({ orgId: OrgId }),
    body: PointsAdjustmentIn,
    response: { status: 201, schema: PointsEntryOut },
  }),
} as const;
