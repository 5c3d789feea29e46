import { z } from "zod";
import { RedemptionOfferOut, type RedemptionOfferIn, type RedemptionOfferPatch } from "../../contracts/redemptions.js";
import { firstVersion, Version } from "../aggregate.js";
import { AppError } from "../app-error.js";

/** An organization's offer of codes from one of its voucher pools for points. */
export const RedemptionOffer = RedemptionOfferOut.omit({ available: true }).extend({
  createdAt: z.date(),
  updatedAt: z.date(),
  version: Version,
});
export type RedemptionOffer = z.infer<typeof RedemptionOffer>;

export function newRedemptionOffer(orgId: string, input: z.output<typeof RedemptionOfferIn>, id: string, now: Date): RedemptionOffer {
  return { id, orgId, ...input, createdAt: now, updatedAt: now, version: firstVersion };
}

export function patchedRedemptionOffer(offer: RedemptionOffer, patch: z.output<typeof RedemptionOfferPatch>, now: Date): RedemptionOffer {
  const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  return { ...offer, ...defined, updatedAt: now };
}

/** The offer, when a participant may redeem it now. */
export function redeemable(offer: RedemptionOffer): RedemptionOffer {
  if (!offer.active) throw new AppError("invalid_state", "this offer is not active", { active: false });
  return offer;
}
