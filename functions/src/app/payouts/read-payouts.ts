import type { z } from "zod";
import type { ListOrganizationPayoutsQuery, PayoutDetailsOut, PayoutOut } from "../../contracts/payouts.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import type { PayoutDetailsRepository } from "../../ports/payout-details-repository.js";
import type { PayoutRepository } from "../../ports/payout-repository.js";
import { loadOrganizationFor } from "../organizations/load-organization.js";
import { decodePageRequest, toPage } from "../shared/cursor.js";
import { presentPayout, presentPayoutDetails } from "./present.js";

type Page = { data: PayoutOut[]; nextCursor: string | null };

export async function getPayoutDetails(deps: { payoutDetails: PayoutDetailsRepository }, principal: Principal): Promise<PayoutDetailsOut> {
  const userId = requireUser(principal);
  return presentPayoutDetails(userId, await deps.payoutDetails.findById(userId));
}

/** The caller's own payouts, newest first. */
export async function listMyPayouts(deps: { payouts: PayoutRepository }, principal: Principal, query: { limit: number; cursor?: string | undefined }): Promise<Page> {
  const userId = requireUser(principal);
  const page = decodePageRequest(query);
  return toPage(await deps.payouts.listByUser(userId, page), page.order, presentPayout);
}

/** The organization's payouts, for members and keys with rewards:read; to anyone else the organization does not exist. */
export async function listOrganizationPayouts(
  deps: { organizations: OrganizationRepository; payouts: PayoutRepository },
  principal: Principal,
  orgId: string,
  query: z.infer<typeof ListOrganizationPayoutsQuery>,
): Promise<Page> {
  await loadOrganizationFor(deps.organizations, orgId, principal, "rewards:read");
  const page = decodePageRequest(query);
  return toPage(await deps.payouts.listByOrganization(orgId, query.status === undefined ? {} : { status: query.status }, page), page.order, presentPayout);
}
