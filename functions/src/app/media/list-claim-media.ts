import type { MediaOut } from "../../contracts/media.js";
import { AppError } from "../../domain/app-error.js";
import type { Principal } from "../../domain/identity/principal.js";
import type { ClaimRepository } from "../../ports/claim-repository.js";
import type { Clock } from "../../ports/clock.js";
import type { MediaAssetRepository } from "../../ports/media-asset-repository.js";
import type { MediaStore } from "../../ports/media-store.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import { loadOrganizationFor } from "../organizations/load-organization.js";

type Deps = { claims: ClaimRepository; organizations: OrganizationRepository; mediaAssets: MediaAssetRepository; mediaStore: MediaStore; clock: Clock };

// Long enough to look at a page of media, short enough that a copied link soon stops working.
const urlLifetimeMs = 10 * 60 * 1_000;

/**
 * The files uploaded to a claim, oldest first, each with a signed URL that shows it for ten
 * minutes: for the participant who holds the claim and for its organization (claims:read). To
 * anyone else the claim does not exist.
 */
export async function listClaimMedia(deps: Deps, principal: Principal, claimId: string): Promise<{ data: MediaOut[] }> {
  const claim = await deps.claims.findById(claimId);
  if (!claim) throw notFound();
  const holds = principal.kind === "user" && principal.userId === claim.userId;
  if (!holds) {
    await loadOrganizationFor(deps.organizations, claim.orgId, principal, "claims:read").catch((error: unknown) => {
      throw error instanceof AppError && error.code === "not_found" ? notFound() : error;
    });
  }
  const urlExpiresAt = new Date(deps.clock.now().getTime() + urlLifetimeMs);
  const assets = await deps.mediaAssets.listByClaim(claim.id);
  return {
    data: assets.map((asset) => ({
      id: asset.id,
      claimId: asset.claimId,
      taskId: asset.taskId,
      kind: asset.kind,
      format: asset.format,
      width: asset.width,
      height: asset.height,
      bytes: asset.bytes,
      url: deps.mediaStore.deliveryUrl(asset, urlExpiresAt),
      urlExpiresAt: urlExpiresAt.toISOString(),
      uploadedAt: asset.uploadedAt.toISOString(),
    })),
  };
}

const notFound = () => new AppError("not_found", "claim not found");
