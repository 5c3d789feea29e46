import { z } from "zod";
import { ClaimId, OpportunityId, OrgId, UserId } from "../../contracts/common.js";
import { MediaId } from "../../contracts/media.js";
import { allowedFormats, MediaKind, mediaFormats, type MediaConstraints, type Task } from "../../contracts/opportunities.js";
import { AppError } from "../app-error.js";
import type { Claim } from "../claims/claim.js";

/**
 * A file the media store holds for one upload task of a claim. Its public id,
 * `claims/<claimId>/<taskId>/<mediaId>`, is the key it is stored under: the folder the upload was
 * signed for names the claim and the task, so a notification needs no other lookup to find them,
 * and a repeat of the notification finds the asset already recorded.
 */
export const MediaAsset = z.object({
  id: MediaId,
  publicId: z.string(),
  claimId: ClaimId,
  taskId: z.string(),
  opportunityId: OpportunityId,
  orgId: OrgId,
  userId: UserId,
  kind: MediaKind,
  /** The store's delivery type: `authenticated` media are shown only through signed URLs. */
  deliveryType: z.enum(["upload", "authenticated", "private"]),
  format: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  bytes: z.number().int(),
  /**
   * What the image analysis measured (ports/image-analyzer.ts); null for a video, or a picture it
   * could not read. Of the picture's EXIF only the capture time is kept (null when it had none, and
   * on assets recorded before it was read): never its GPS position, camera or owner fields.
   */
  analysis: z
    .object({
      contrast: z.number(),
      sharpness: z.number(),
      hash: z.string(),
      capturedAt: z.object({ at: z.date(), zoned: z.boolean() }).nullable().default(null),
    })
    .nullable()
    .default(null),
  /** The media store's moderation verdict on a picture (Cloudinary's add-on; locally its stand-in); null when none was asked for. */
  moderation: z.enum(["pending", "approved", "rejected"]).nullable().default(null),
  /** The store's version of the file: a new upload to the same public id has a new one. */
  version: z.number().int(),
  uploadedAt: z.date(),
});
export type MediaAsset = z.infer<typeof MediaAsset>;

/** Media are never public: every file is shown through a signed URL. */
export const deliveryType = "authenticated" as const;

/** The folder a claim's uploads to one task go to. */
export const folderOf = (claimId: string, taskId: string): string => `claims/${claimId}/${taskId}`;

/** The public id of a media file, and the prefix every file of the claim shares. */
export const publicIdOf = (claimId: string, taskId: string, mediaId: string): string => `${folderOf(claimId, taskId)}/${mediaId}`;
export const claimPrefix = (claimId: string): string => `claims/${claimId}/`;

const publicIdPattern = /^claims\/(clm_[0-9A-Za-z]{16,32})\/([a-z][a-z0-9_]{0,39})\/(med_[0-9A-Za-z]{16,32})$/;

/** The claim, task and media id a public id names, or null when it is not one we signed. */
export function parsePublicId(publicId: string): { claimId: string; taskId: string; mediaId: string } | null {
  const match = publicIdPattern.exec(publicId);
  return match ? { claimId: match[1]!, taskId: match[2]!, mediaId: match[3]! } : null;
}

/** The upload task `taskId` of the claim's opportunity, refusing any other kind of task. */
export function uploadTaskOf(tasks: readonly Task[], taskId: string): Extract<Task, { type: "upload" }> {
  const task = tasks.find((candidate) => candidate.id === taskId);
  if (!task) throw new AppError("validation_failed", `the opportunity has no task ${taskId}`, { errors: [{ location: "body.taskId", message: "no such task" }] });
  if (task.type !== "upload") throw new AppError("validation_failed", `task ${taskId} is a ${task.type} task; it takes no uploads`, { errors: [{ location: "body.taskId", message: "not an upload task" }] });
  return task;
}

/** What an upload to the task may be: its kind (one the task takes), the formats of that kind it allows, and its size. */
export function uploadRules(media: MediaConstraints, kind: z.infer<typeof MediaKind> | undefined): { kind: z.infer<typeof MediaKind>; formats: string[]; maxBytes: number } {
  const chosen = kind ?? media.kinds[0]!;
  if (!media.kinds.includes(chosen)) throw new AppError("validation_failed", `this task takes no ${chosen}`, { errors: [{ location: "body.kind", message: `one of ${media.kinds.join(", ")}` }] });
  const formats = allowedFormats(media).filter((format) => (mediaFormats[chosen] as readonly string[]).includes(format));
  return { kind: chosen, formats, maxBytes: media.maxBytes };
}

/** Refuses another upload once the task holds as many files as it takes. */
export function assertRoomForUpload(media: MediaConstraints, uploadedToTask: number): void {
  if (uploadedToTask >= media.maxCount) {
    throw new AppError("invalid_state", `this task takes at most ${media.maxCount} file${media.maxCount === 1 ? "" : "s"}`, { maxCount: media.maxCount });
  }
}

/** The asset a verified notification records, against the claim its public id names. */
export function assetOf(
  claim: Pick<Claim, "id" | "opportunityId" | "orgId" | "userId">,
  ids: { taskId: string; mediaId: string; publicId: string },
  stored: { kind: z.infer<typeof MediaKind>; deliveryType: MediaAsset["deliveryType"]; format: string; width?: number | undefined; height?: number | undefined; bytes: number; version: number; moderation?: MediaAsset["moderation"] },
  analysis: MediaAsset["analysis"],
  now: Date,
): MediaAsset {
  return {
    id: ids.mediaId,
    publicId: ids.publicId,
    claimId: claim.id,
    taskId: ids.taskId,
    opportunityId: claim.opportunityId,
    orgId: claim.orgId,
    userId: claim.userId,
    kind: stored.kind,
    deliveryType: stored.deliveryType,
    format: stored.format,
    width: stored.width ?? null,
    height: stored.height ?? null,
    bytes: stored.bytes,
    version: stored.version,
    moderation: stored.moderation ?? null,
    analysis,
    uploadedAt: now,
  };
}
