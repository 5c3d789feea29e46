import { z } from "zod";
import { ClaimId, MediaId, Timestamp } from "./common.js";
import { MediaFormat, MediaKind } from "./opportunities.js";
import { defineRoute } from "./route.js";

export { MediaId };

/** Ask for the signature of one direct upload to an upload task of the claim; `kind` left out: the task's first kind. */
export const UploadIn = z.strictObject({ taskId: z.string().min(1).max(40), kind: MediaKind.optional() }).meta({ id: "UploadIn" });
export type UploadIn = z.infer<typeof UploadIn>;

/**
 * A signed direct upload: POST `fields` and the file (as `file`) in one multipart form to `url`,
 * straight to the media store (Cloudinary), within an hour. The signature binds the folder, the
 * public id, the formats allowed and where the store notifies us; `maxBytes` is the task's limit,
 * checked again when the upload is verified.
 */
export const UploadOut = z
  .object({
    mediaId: MediaId,
    url: z.url(),
    fields: z.record(z.string(), z.string()),
    kind: MediaKind,
    allowedFormats: z.array(MediaFormat),
    maxBytes: z.number().int(),
    expiresAt: Timestamp,
  })
  .meta({ id: "Upload" });
export type UploadOut = z.infer<typeof UploadOut>;

/** A file uploaded to one task of a claim, with a signed URL that shows it for a few minutes. */
export const MediaOut = z
  .object({
    id: MediaId,
    claimId: ClaimId,
    taskId: z.string(),
    kind: MediaKind,
    format: z.string(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    bytes: z.number().int(),
    url: z.url(),
    urlExpiresAt: Timestamp,
    uploadedAt: Timestamp,
  })
  .meta({ id: "Media" });
export type MediaOut = z.infer<typeof MediaOut>;

/** The upload notification the media store posts (Cloudinary's shape); fields we do not use pass through unread. */
export const UploadNotification = z.object({
  notification_type: z.literal("upload"),
  public_id: z.string().min(1).max(255),
  version: z.number().int(),
  resource_type: MediaKind,
  type: z.enum(["upload", "authenticated", "private"]),
  format: z.string().min(1).max(10),
  bytes: z.number().int().min(0),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  created_at: z.string().optional(),
  /** The moderation add-on's verdicts, when the upload asked for one (`moderation` signed into it). */
  moderation: z.array(z.object({ kind: z.string(), status: z.enum(["pending", "approved", "rejected", "aborted"]) })).optional(),
});
export type UploadNotification = z.infer<typeof UploadNotification>;

const ByClaim = z.strictObject({ claimId: ClaimId });

export const mediaRoutes = {
  createUpload: defineRoute({
    operationId: "createUpload",
    method: "POST",
    path: "/v1/claims/{claimId}/uploads",
    summary:
      "Sign a direct upload of one file to an upload task of the caller's active claim: the answer names where to POST the file and the signed fields to send with it, scoped to the claim's folder and a new media id, with the task's formats and size. The media store notifies the API once the file is stored, and it is listed with the claim's media. A task with maxCount files already answers 409 invalid_state",
    tag: "Media",
    auth: { kind: "user" },
    params: ByClaim,
    body: UploadIn,
    bodyLimitBytes: 1024,
    response: { status: 201, schema: UploadOut },
  }),
  listMedia: defineRoute({
    operationId: "listMedia",
    method: "GET",
    path: "/v1/claims/{claimId}/media",
    summary:
      "List the files uploaded to a claim's tasks, oldest first, each with a signed URL that shows it for a few minutes. For the participant who holds the claim, and for its organization (members with claims:read, or a key with that scope); to anyone else the claim does not exist",
    tag: "Media",
    auth: { kind: "user_or_api_key", scope: "claims:read" },
    params: ByClaim,
    response: { status: 200, schema: z.object({ data: z.array(MediaOut) }) },
  }),
};
