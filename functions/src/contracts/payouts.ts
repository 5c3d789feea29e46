import { z } from "zod";
import { ClaimId, OpportunityId, OrgId, PageQuery, RewardId, Timestamp, UserId, page, prefixedId } from "./common.js";
import { Currency, MinorUnits } from "./money.js";
import { defineRoute } from "./route.js";

// Cash payouts: one per cash reward, sent through the payouts provider (README, "Cash payouts")
// to the address the participant gave in their payout details.

export const PayoutId = prefixedId("pay");

/** `pending` until it is sent (or while it waits for payout details), `processing` once the provider has it, then `paid` or `failed`. */
export const PayoutStatus = z.enum(["pending", "processing", "paid", "failed"]);
export type PayoutStatus = z.infer<typeof PayoutStatus>;
/** Why a payout is `failed`: the provider refused the order for good, or could not deliver it. */
export const PayoutFailureReason = z.enum(["provider_refused", "delivery_failed"]);
export type PayoutFailureReason = z.infer<typeof PayoutFailureReason>;

export const PayoutOut = z
  .object({
    id: PayoutId,
    rewardId: RewardId,
    claimId: ClaimId,
    opportunityId: OpportunityId,
    orgId: OrgId,
    userId: UserId,
    amount: MinorUnits,
    currency: Currency,
    status: PayoutStatus,
    /** True while it is pending because the participant has not given payout details yet. */
    waitingForDetails: z.boolean(),
    failureReason: PayoutFailureReason.nullable(),
    paidAt: Timestamp.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: "Payout" });
export type PayoutOut = z.infer<typeof PayoutOut>;

const RecipientName = z.string().trim().min(1).max(80);
const RecipientEmail = z.email().max(254);

/** Where the participant's cash rewards go: the provider emails the payout to this address (PayPal, bank transfer or gift card, the recipient's choice). */
export const PayoutDetailsIn = z.strictObject({ name: RecipientName, email: RecipientEmail }).meta({ id: "PayoutDetailsIn" });
export type PayoutDetailsIn = z.infer<typeof PayoutDetailsIn>;

/** The caller's payout details; all null until they give them. Personal data: shown only to them. */
export const PayoutDetailsOut = z
  .object({ userId: UserId, name: RecipientName.nullable(), email: RecipientEmail.nullable(), updatedAt: Timestamp.nullable() })
  .meta({ id: "PayoutDetails" });
export type PayoutDetailsOut = z.infer<typeof PayoutDetailsOut>;

export const ListOrganizationPayoutsQuery = PageQuery.extend({ status: PayoutStatus.optional() });
const ByOrganization = z.strictObject({ orgId: OrgId });

export const payoutRoutes = {
  getPayoutDetails: defineRoute({
    operationId: "getPayoutDetails",
    method: "GET",
    path: "/v1/me/payout-details",
    summary: "Where the caller's cash rewards are paid: name and email (null until given)",
    tag: "Payouts",
    auth: { kind: "user" },
    response: { status: 200, schema: PayoutDetailsOut },
  }),
  setPayoutDetails: defineRoute({
    operationId: "setPayoutDetails",
    method: "PATCH",
    path: "/v1/me/payout-details",
    summary: "Set where the caller's cash rewards are paid (both fields); payouts waiting for details are sent then",
    tag: "Payouts",
    auth: { kind: "user" },
    body: PayoutDetailsIn,
    response: { status: 200, schema: PayoutDetailsOut },
  }),
  listMyPayouts: defineRoute({
    operationId: "listMyPayouts",
    method: "GET",
    path: "/v1/me/payouts",
    summary: "List the caller's cash payouts with their status, newest first",
    tag: "Payouts",
    auth: { kind: "user" },
    query: PageQuery,
    response: { status: 200, schema: page(PayoutOut) },
  }),
  listOrganizationPayouts: defineRoute({
    operationId: "listOrganizationPayouts",
    method: "GET",
    path: "/v1/organizations/{orgId}/payouts",
    summary: "List the organization's cash payouts, newest first, optionally of one status (members with rewards:read, or a key with that scope)",
    tag: "Payouts",
    auth: { kind: "user_or_api_key", scope: "rewards:read" },
    params: ByOrganization,
    query: ListOrganizationPayoutsQuery,
    response: { status: 200, schema: page(PayoutOut) },
  }),
} as const;
