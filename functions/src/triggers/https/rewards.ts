import { requirePermission } from "../../app/organizations/load-organization.js";
import { listPointsEntries } from "../../app/points/list-points-entries.js";
import { getRedemption, listRedemptions } from "../../app/redemptions/read-redemptions.js";
import { redeemPoints } from "../../app/redemptions/redeem-points.js";
import { createRedemptionOffer, listRedemptionCatalogue, listRedemptionOffers, updateRedemptionOffer } from "../../app/redemptions/redemption-offers.js";
import { getPointsBalance, listRewards } from "../../app/rewards/read-rewards.js";
import { generateVoucherCodes, importVoucherCodes } from "../../app/vouchers/add-voucher-codes.js";
import { getRewardVoucher, listVoucherCodes } from "../../app/vouchers/read-vouchers.js";
import { createVoucherPool, getVoucherPool, listVoucherPools, updateVoucherPool } from "../../app/vouchers/voucher-pools.js";
import { redemptionRoutes as redemptions } from "../../contracts/redemptions.js";
import { rewardRoutes as routes } from "../../contracts/rewards.js";
import { voucherRoutes as vouchers } from "../../contracts/vouchers.js";
import { getDeps } from "../../deps.js";
import type { Principal } from "../../domain/identity/principal.js";
import { bind } from "../../http/route-handler.js";
import { apiRouter } from "./api-router.js";

// The participant's rewards and redemptions, and the organizations' voucher pools and redemption
// offers (their paths are rewritten here from /v1/organizations/{orgId}/… in firebase.json).
// A replayed write answers only while its caller may still write the organization's rewards.
const writeAccess = { authorize: ({ principal, params }: { principal: Principal; params: { orgId: string } }) => requirePermission(getDeps(), principal, params.orgId, "rewards:write") };

export const handle = apiRouter([
  bind(routes.listRewards, ({ principal, query }) => listRewards(getDeps(), principal, query)),
  bind(routes.getPointsBalance, ({ principal }) => getPointsBalance(getDeps(), principal)),
  bind(routes.getBalance, ({ principal }) => getPointsBalance(getDeps(), principal)),
  bind(vouchers.getRewardVoucher, ({ principal, params }) => getRewardVoucher(getDeps(), principal, params.rewardId)),
  bind(vouchers.createVoucherPool, ({ principal, params, body }) => createVoucherPool(getDeps(), principal, { ...body, orgId: params.orgId }), writeAccess),
  bind(vouchers.listVoucherPools, ({ principal, params, query }) => listVoucherPools(getDeps(), principal, params.orgId, query)),
  bind(vouchers.getVoucherPool, ({ principal, params }) => getVoucherPool(getDeps(), principal, params.orgId, params.poolId)),
  bind(vouchers.updateVoucherPool, ({ principal, params, body }) => updateVoucherPool(getDeps(), principal, params.orgId, params.poolId, body), writeAccess),
  bind(vouchers.importVoucherCodes, ({ principal, params, body }) => importVoucherCodes(getDeps(), principal, params.orgId, params.poolId, body), writeAccess),
  bind(vouchers.generateVoucherCodes, ({ principal, params, body }) => generateVoucherCodes(getDeps(), principal, params.orgId, params.poolId, body), writeAccess),
  bind(vouchers.listVoucherCodes, ({ principal, params, query }) => listVoucherCodes(getDeps(), principal, params.orgId, params.poolId, query)),
  bind(routes.listPointsEntries, ({ principal, query }) => listPointsEntries(getDeps(), principal, query)),
  bind(redemptions.createRedemptionOffer, ({ principal, params, body }) => createRedemptionOffer(getDeps(), principal, params.orgId, body), writeAccess),
  bind(redemptions.listRedemptionOffers, ({ principal, params, query }) => listRedemptionOffers(getDeps(), principal, params.orgId, query)),
  bind(redemptions.updateRedemptionOffer, ({ principal, params, body }) => updateRedemptionOffer(getDeps(), principal, params.orgId, params.offerId, body), writeAccess),
  bind(redemptions.listRedemptionCatalogue, ({ query }) => listRedemptionCatalogue(getDeps(), query)),
  bind(redemptions.createRedemption, ({ principal, body, idempotencyKey }) => redeemPoints(getDeps(), principal, body.offerId, idempotencyKey)),
  bind(redemptions.listRedemptions, ({ principal, query }) => listRedemptions(getDeps(), principal, query)),
  bind(redemptions.getRedemption, ({ principal, params }) => getRedemption(getDeps(), principal, params.redemptionId)),
]);
