import type { ClaimOut, ListClaimsQuery } from "../../contracts/claims.js";
import type { z } from "zod";
import { AppError } from "../../domain/app-error.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import type { ClaimRepository } from "../../ports/claim-repository.js";
import { decodePageRequest, toPage } from "../shared/cursor.js";
import { presentClaim } from "./present.js";

/** A participant sees their own claims only; anyone else's claim is simply not found. */
export async function getClaim(deps: { claims: ClaimRepository }, principal: Principal, claimId: string): Promise<ClaimOut> {
  const userId = requireUser(principal);
  const claim = await deps.claims.findById(claimId);
  if (!claim || claim.userId !== userId) throw new AppError("not_found", "claim not found");
  return presentClaim(claim);
}

export async function listClaims(deps: { claims: ClaimRepository }, principal: Principal, query: z.infer<typeof ListClaimsQuery>): Promise<{ data: ClaimOut[]; nextCursor: string | null }> {
  const userId = requireUser(principal);
  const page = decodePageRequest(query);
  const filter = { ...(query.status ? { status: query.status } : {}), ...(query.opportunityId ? { opportunityId: query.opportunityId } : {}) };
  return toPage(await deps.claims.listByUser(userId, filter, page), page.order, presentClaim);
}
