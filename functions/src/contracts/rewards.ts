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
} as const;
