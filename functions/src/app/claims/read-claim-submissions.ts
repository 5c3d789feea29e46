import type { z } from "zod";
import type { ListClaimSubmissionsQuery, SubmissionOut } from "../../contracts/claims.js";
import { AppError } from "../../domain/app-error.js";
import type { Principal } from "../../domain/identity/principal.js";
import type { ClaimRepository } from "../../ports/claim-repository.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import type { SubmissionRepository } from "../../ports/submission-repository.js";
import { loadOrganizationFor } from "../organizations/load-organization.js";
import { decodePageRequest, toPage } from "../shared/cursor.js";
import { presentSubmission } from "./present.js";

type Deps = { claims: ClaimRepository; submissions: SubmissionRepository; organizations: OrganizationRepository };

/**
 * The submissions of a claim, oldest first: for the participant who holds it, and for its
 * organization (members whose role grants claims:read, keys with that scope; a member without it
 * is refused as on every route of the organization). To anyone else the claim does not exist.
 */
export async function listClaimSubmissions(
  deps: Deps,
  principal: Principal,
  claimId: string,
  query: z.infer<typeof ListClaimSubmissionsQuery>,
): Promise<{ data: SubmissionOut[]; nextCursor: string | null }> {
  const claim = await deps.claims.findById(claimId);
  if (!claim) throw notFound();
  const holds = principal.kind === "user" && principal.userId === claim.userId;
  if (!holds) {
    await loadOrganizationFor(deps.organizations, claim.orgId, principal, "claims:read").catch((error: unknown) => {
      throw error instanceof AppError && error.code === "not_found" ? notFound() : error;
    });
  }
  const page = decodePageRequest({ ...query, sort: "createdAt" });
  return toPage(await deps.submissions.listByClaim(claimId, page), page.order, presentSubmission);
}

const notFound = () => new AppError("not_found", "claim not found");
