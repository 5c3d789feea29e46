import { z } from "zod";
import { OrgId, PageQuery, Timestamp, UserId, page, prefixedId } from "./common.js";
import { defineRoute } from "./route.js";
import { VoucherPoolId } from "./vouchers.js";

// The redemption catalogue: an organization offers voucher codes of its pools for points, and a
// participant spends points of their balance (one balance, whichever organizations they earned it
// from) on an offer, receiving one code. Org-scoped paths and the participant's own are served by
// the rewards function (firebase.json).

export const RedemptionOfferId = prefixedId("rof");
export const RedemptionId = prefixedId("rdm");

const PointsCost = z.number().int().min(1).max(1_000_000_000);

export const RedemptionOfferIn = z
  .strictObject({
    poolId: VoucherPoolId,
    name: z.string().trim().min(1).max(100),
    description: z.string().max(2_000).default(""),
    /** What one code costs, in points. */
    points: PointsCost,
    /** Only active offers are shown to participants and can be redeemed. */
    active: z.boolean().default(true),
  })
  .meta({ id: "RedemptionOfferIn" });

export const RedemptionOfferPatch = z
  .strictObject({ name: RedemptionOfferIn.shape.name, description: z.string().max(2_000), points: PointsCost, active: z.boolean() })
  .partial()
  .meta({ id: "RedemptionOfferPatch" });

export const RedemptionOfferOut = z
  .object({
    id: RedemptionOfferId,
    orgId: OrgId,
    poolId: VoucherPoolId,
    name: z.string(),
    description: z.string(),
    points: z.number().int(),
    active: z.boolean(),
    /** Codes its pool has left to give: an offer at 0 cannot be redeemed until codes are added. */
    available: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: "RedemptionOffer" });
export type RedemptionOfferOut = z.infer<typeof RedemptionOfferOut>;

export const RedemptionIn = z.strictObject({ offerId: RedemptionOfferId }).meta({ id: "RedemptionIn" });

/**
 * `pending` while the points are taken and the code is being given (a crash there is finished by
 * the reconciliation), `completed` with its code, `refunded` when the pool ran out (the points are
 * credited back), or `refused` when the balance fell short between the check and the spending
 * (nothing was taken).
 */
export const RedemptionStatus = z.enum(["pending", "completed", "refunded", "refused"]);

export const RedeemedVoucherOut = z.object({ code: z.string(), expiresAt: Timestamp.nullable(), redemptionInstructions: z.string() });

export const RedemptionOut = z
  .object({
    id: RedemptionId,
    offerId: RedemptionOfferId,
    orgId: OrgId,
    userId: UserId,
    /** The offer's name and cost when it was redeemed. */
    offerName: z.string(),
    points: z.number().int(),
    status: RedemptionStatus,
    /** The code, shown to its owner only; null unless completed (and in lists, where it is not revealed). */
    voucher: RedeemedVoucherOut.nullable(),
    createdAt: Timestamp,
    completedAt: Timestamp.nullable(),
  })
  .meta({ id: "Redemption" });
export type RedemptionOut = z.infer<typeof RedemptionOut>;

const ByOrg = z.strictObject({ orgId: OrgId });
const ByOffer = z.strictObject({ orgId: OrgId, offerId: RedemptionOfferId });
const offers = "/v1/organizations/{orgId}/redemption-offers";

export const redemptionRoutes = {
  createRedemptionOffer: defineRoute({
    operationId: "createRedemptionOffer",
    audit: "redemption_offer.created",
    method: "POST",
    path: offers,
    summary: "Offer codes of one of the organization's voucher pools for points",
    tag: "Redemptions",
    auth: { kind: "user_or_api_key", scope: "rewards:write" },
    params: ByOrg,
    body: RedemptionOfferIn,
    response: { status: 201, schema: RedemptionOfferOut },
  }),
  listRedemptionOffers: defineRoute({
    operationId: "listRedemptionOffers",
    method: "GET",
    path: offers,
    summary: "List the organization's redemption offers, active or not, newest first",
    tag: "Redemptions",
    auth: { kind: "user_or_api_key", scope: "rewards:read" },
    params: ByOrg,
    query: PageQuery,
    response: { status: 200, schema: page(RedemptionOfferOut) },
  }),
  updateRedemptionOffer: defineRoute({
    operationId: "updateRedemptionOffer",
    audit: "redemption_offer.updated",
    method: "PATCH",
    path: `${offers}/{offerId}`,
    summary: "Rename, reprice, deactivate or reactivate a redemption offer; redemptions already made keep their terms",
    tag: "Redemptions",
    auth: { kind: "user_or_api_key", scope: "rewards:write" },
    params: ByOffer,
    body: RedemptionOfferPatch,
    response: { status: 200, schema: RedemptionOfferOut },
  }),
  listRedemptionCatalogue: defineRoute({
    operationId: "listRedemptionCatalogue",
    method: "GET",
    path: "/v1/redemption-offers",
    summary: "The catalogue: every active redemption offer, newest first, with the codes each has left",
    tag: "Redemptions",
    auth: { kind: "user" },
    query: PageQuery,
    response: { status: 200, schema: page(RedemptionOfferOut) },
  }),
  createRedemption: defineRoute({
    operationId: "createRedemption",
    method: "POST",
    path: "/v1/redemptions",
    summary:
      "Spend points on an offer and receive one of its codes. Refused with insufficient_points when the balance is short; when the pool has no code left the points are given back and the answer is pool_exhausted. A retry with the same Idempotency-Key redeems once",
    tag: "Redemptions",
    auth: { kind: "user" },
    body: RedemptionIn,
    response: { status: 201, schema: RedemptionOut },
  }),
  listRedemptions: defineRoute({
    operationId: "listRedemptions",
    method: "GET",
    path: "/v1/redemptions",
    summary: "The caller's redemptions, newest first (codes are not revealed in the list)",
    tag: "Redemptions",
    auth: { kind: "user" },
    query: PageQuery,
    response: { status: 200, schema: page(RedemptionOut) },
  }),
  getRedemption: defineRoute({
    operationId: "getRedemption",
    method: "GET",
    path: "/v1/redemptions/{redemptionId}",
    summary: "One of the caller's redemptions, with its code once completed",
    tag: "Redemptions",
    auth: { kind: "user" },
    params: z.strictObject({ redemptionId: RedemptionId }),
    response: { status: 200, schema: RedemptionOut },
  }),
} as const;
