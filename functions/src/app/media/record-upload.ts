import { UploadNotification } from "../../contracts/media.js";
import { AppError } from "../../domain/app-error.js";
import { assetOf, parsePublicId } from "../../domain/media/media-asset.js";
import type { ClaimRepository } from "../../ports/claim-repository.js";
import type { Clock } from "../../ports/clock.js";
import type { ImageAnalyzer } from "../../ports/image-analyzer.js";
import type { MediaAssetRepository } from "../../ports/media-asset-repository.js";
import type { MediaHashIndex } from "../../ports/media-hash-index.js";
import type { MediaStore } from "../../ports/media-store.js";

type Deps = { claims: ClaimRepository; mediaAssets: MediaAssetRepository; mediaHashes: MediaHashIndex; mediaStore: MediaStore; images: ImageAnalyzer; clock: Clock };

/** What became of a notification: recorded now, recorded before (a repeat), or about nothing of ours. */
export type UploadOutcome = "recorded" | "duplicate" | "ignored";

/**
 * Records the file a media store notification announces against the claim its public id names.
 * The signature is checked first (a forged or stale one is `unauthenticated` and changes nothing);
 * the asset is keyed by its public id, so a notification sent again records nothing twice. A
 * picture is read back from the store and measured first (contrast, sharpness, perceptual hash),
 * and its hash indexed for the opportunity's duplicate search; what fails to be read is retried
 * by the store, and a file that is no picture we can read is recorded without measures.
 */
export async function recordUpload(deps: Deps, rawBody: string, headers: { timestamp: string | undefined; signature: string | undefined }): Promise<UploadOutcome> {
  const timestamp = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(timestamp) || !deps.mediaStore.verifyNotification(rawBody, timestamp, headers.signature)) {
    throw new AppError("unauthenticated", "the notification's signature does not verify");
  }
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return "ignored";
  }
  const parsed = UploadNotification.safeParse(body);
  const ids = parsed.success ? parsePublicId(parsed.data.public_id) : null;
  if (!parsed.success || !ids) return "ignored";
  const claim = await deps.claims.findById(ids.claimId);
  if (!claim) return "ignored";
  const notification = parsed.data;
  const analysis = notification.resource_type === "image" ? await analyze(deps, { kind: "image", publicId: notification.public_id, format: notification.format, deliveryType: notification.type }) : null;
  if (analysis) await deps.mediaHashes.record({ opportunityId: claim.opportunityId, claimId: claim.id, publicId: notification.public_id, hash: analysis.hash });
  const asset = assetOf(
    claim,
    { ...ids, publicId: notification.public_id },
    { kind: notification.resource_type, deliveryType: notification.type, format: notification.format, width: notification.width, height: notification.height, bytes: notification.bytes, version: notification.version, moderation: moderationOf(notification) },
    analysis,
    deps.clock.now(),
  );
  return (await deps.mediaAssets.recordIfAbsent(asset)) ? "recorded" : "duplicate";
}

async function analyze(deps: Pick<Deps, "mediaStore" | "images">, file: Parameters<MediaStore["download"]>[0]) {
  const bytes = await deps.mediaStore.download(file);
  try {
    // Only these measures are kept: the EXIF's GPS position and device fields never leave the analyzer.
    const { contrast, sharpness, hash, capturedAt } = await deps.images.analyze(bytes);
    return { contrast, sharpness, hash, capturedAt };
  } catch (error) {
    if (error instanceof AppError && error.code === "validation_failed") return null;
    throw error;
  }
}

/** The add-on's verdict: rejected by any moderator, pending while one has not answered (or gave up), approved by all; null when none was asked. */
function moderationOf(notification: UploadNotification) {
  const verdicts = notification.moderation ?? [];
  if (verdicts.length === 0) return null;
  if (verdicts.some((verdict) => verdict.status === "rejected")) return "rejected" as const;
  return verdicts.every((verdict) => verdict.status === "approved") ? ("approved" as const) : ("pending" as const);
}
