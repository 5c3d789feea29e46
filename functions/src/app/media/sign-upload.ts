import type { UploadIn, UploadOut } from "../../contracts/media.js";
import { AppError } from "../../domain/app-error.js";
import { assertAcceptsSubmissions } from "../../domain/claims/claim.js";
import type { Principal } from "../../domain/identity/principal.js";
import { assertRoomForUpload, deliveryType, folderOf, uploadRules, uploadTaskOf } from "../../domain/media/media-asset.js";
import type { ClaimRepository } from "../../ports/claim-repository.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { MediaAssetRepository } from "../../ports/media-asset-repository.js";
import type { MediaNotificationTarget, MediaStore } from "../../ports/media-store.js";
import type { OpportunityRepository } from "../../ports/opportunity-repository.js";

type Deps = { claims: ClaimRepository; opportunities: OpportunityRepository; mediaAssets: MediaAssetRepository; mediaStore: MediaStore; media: MediaNotificationTarget; ids: Ids; clock: Clock };

// The media store refuses a signed upload whose timestamp is more than an hour old.
const signatureLifetimeMs = 60 * 60 * 1_000;

/**
 * The signature of one direct upload to an upload task of the caller's active claim, scoped to the
 * claim's folder for the task and a new media id, with the task's formats. The file goes straight
 * to the media store; its notification records it (record-upload.ts). Signing writes nothing.
 */
export async function signUpload(deps: Deps, principal: Principal, claimId: string, input: UploadIn): Promise<UploadOut> {
  const claim = await deps.claims.findById(claimId);
  if (!claim || principal.kind !== "user" || claim.userId !== principal.userId) throw new AppError("not_found", "claim not found");
  const now = deps.clock.now();
  assertAcceptsSubmissions(claim, now);
  const opportunity = await deps.opportunities.findById(claim.opportunityId);
  if (!opportunity) throw new AppError("not_found", "claim not found");
  const task = uploadTaskOf(opportunity.tasks, input.taskId);
  const rules = uploadRules(task.media, input.kind);
  const uploaded = (await deps.mediaAssets.listByClaim(claim.id)).filter((asset) => asset.taskId === task.id).length;
  assertRoomForUpload(task.media, uploaded);
  const mediaId = deps.ids.next("med");
  const folder = folderOf(claim.id, task.id);
  const signed = deps.mediaStore.signUpload(
    { kind: rules.kind, folder, publicId: mediaId, deliveryType, allowedFormats: rules.formats, notificationUrl: deps.media.notificationUrl },
    now,
  );
  return {
    mediaId,
    url: signed.url,
    fields: signed.fields,
    kind: rules.kind,
    allowedFormats: rules.formats as UploadOut["allowedFormats"],
    maxBytes: rules.maxBytes,
    expiresAt: new Date(now.getTime() + signatureLifetimeMs).toISOString(),
  };
}
