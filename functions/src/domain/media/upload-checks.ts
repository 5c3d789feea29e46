import type { z } from "zod";
import type { VerificationCheck as VerificationCheckSchema } from "../../contracts/claims.js";
import { allowedFormats, type MediaConstraints, type Task } from "../../contracts/opportunities.js";
import { captureTimeCheck, type CaptureWindow } from "./capture-time.js";
import type { MediaAsset } from "./media-asset.js";

type VerificationCheck = z.infer<typeof VerificationCheckSchema>;

/** What the checks read of an uploaded file: what the media store reported when it stored it. */
export type UploadedMedia = Pick<MediaAsset, "id" | "taskId" | "kind" | "format" | "bytes" | "width" | "height"> & { analysis?: MediaAsset["analysis"]; moderation?: MediaAsset["moderation"] };

/** A picture of the opportunity found near one of the files: another claim's (or another attempt's) copy. */
export interface NearDuplicate {
  mediaId: string;
  claimId: string;
  publicId: string;
  distance: number;
}

/**
 * The checks of an upload task's files against its constraints, from what the media store read of
 * each file (its kind, format, size and dimensions, taken from the bytes, never from the client).
 * Pictures are then judged by what the image analysis measured, against the task's thresholds:
 * `media_blank` (contrast), `media_blur` (sharpness) and `media_duplicate` (a copy, within
 * `duplicateDistance` bits, of a picture of another claim of the opportunity) and, given the
 * claim's window, `media_capture_time` (capture-time.ts). A picture the
 * analysis could not read waits for a reviewer (`media_analysed`, not conclusive).
 */
export function uploadChecks(
  task: Extract<Task, { type: "upload" }>,
  files: readonly UploadedMedia[],
  duplicates: readonly NearDuplicate[] = [],
  window: CaptureWindow | null = null,
): VerificationCheck[] {
  const { media } = task;
  const formats: readonly string[] = allowedFormats(media);
  const failures = (test: (file: UploadedMedia) => string | null) => files.flatMap((file) => (test(file) === null ? [] : [`${file.id}: ${test(file)}`]));
  const check = (name: string, problems: string[]): VerificationCheck => (problems.length === 0 ? { name, passed: true, conclusive: true } : { name, passed: false, conclusive: true, reason: problems.join("; ") });
  return [
    check("media_count", files.length < media.minCount || files.length > media.maxCount ? [`${files.length} files; the task takes ${media.minCount} to ${media.maxCount}`] : []),
    check("media_format", failures((file) => (media.kinds.includes(file.kind) && formats.includes(file.format) ? null : `${file.kind} ${file.format} is not one of ${formats.join(", ")}`))),
    check("media_size", failures((file) => (file.bytes <= media.maxBytes ? null : `${file.bytes} bytes, over ${media.maxBytes}`))),
    check(
      "media_dimensions",
      failures((file) => {
        if (file.kind !== "image") return null;
        const tooNarrow = media.minWidth !== undefined && (file.width ?? 0) < media.minWidth;
        const tooShort = media.minHeight !== undefined && (file.height ?? 0) < media.minHeight;
        return tooNarrow || tooShort ? `${file.width ?? "?"}×${file.height ?? "?"}, under ${media.minWidth ?? 0}×${media.minHeight ?? 0}` : null;
      }),
    ),
    ...imageChecks(task.media.thresholds, files.filter((file) => file.kind === "image"), duplicates, window),
    ...moderationChecks(files),
  ];
}

/**
 * `media_moderation`: the media store's moderation verdicts (Cloudinary's add-on in production,
 * the media server's stand-in locally), when the uploads asked for one. A rejected or still pending
 * file is not conclusive: a reviewer looks at it. `score` is how many files were rejected.
 */
function moderationChecks(files: readonly UploadedMedia[]): VerificationCheck[] {
  const moderated = files.filter((file) => file.moderation);
  if (moderated.length === 0) return [];
  const flagged = moderated.filter((file) => file.moderation !== "approved");
  const rejected = flagged.filter((file) => file.moderation === "rejected").length;
  return flagged.length === 0
    ? [{ name: "media_moderation", passed: true, conclusive: true, score: 0 }]
    : [{ name: "media_moderation", passed: false, conclusive: false, score: rejected, reason: flagged.map((file) => `${file.id}: ${file.moderation === "rejected" ? "rejected by moderation" : "moderation pending"}`).join("; ") }];
}

function imageChecks(thresholds: MediaConstraints["thresholds"], pictures: readonly UploadedMedia[], duplicates: readonly NearDuplicate[], window: CaptureWindow | null): VerificationCheck[] {
  if (pictures.length === 0) return [];
  const unread = pictures.filter((file) => !file.analysis);
  if (unread.length > 0) return [{ name: "media_analysed", passed: false, conclusive: false, reason: `${unread.map((file) => file.id).join(", ")}: not a picture the analysis could read; a reviewer looks at it` }];
  const measured = pictures.map((file) => ({ id: file.id, ...file.analysis! }));
  const lowest = (key: "contrast" | "sharpness") => Math.min(...measured.map((file) => file[key]));
  const below = (key: "contrast" | "sharpness", threshold: number, what: string) =>
    measured.filter((file) => file[key] < threshold).map((file) => `${file.id}: ${what} ${file[key].toFixed(1)}, under ${threshold}`);
  const scored = (name: string, score: number, problems: string[]): VerificationCheck =>
    problems.length === 0 ? { name, passed: true, conclusive: true, score } : { name, passed: false, conclusive: true, score, reason: problems.join("; ") };
  const closest = duplicates.length === 0 ? 64 : Math.min(...duplicates.map((duplicate) => duplicate.distance));
  return [
    scored("media_blank", lowest("contrast"), below("contrast", thresholds.minContrast, "contrast")),
    scored("media_blur", lowest("sharpness"), below("sharpness", thresholds.minSharpness, "sharpness")),
    scored("media_duplicate", closest, duplicates.map((duplicate) => `${duplicate.mediaId}: ${duplicate.distance} bits from ${duplicate.publicId} of claim ${duplicate.claimId}`)),
    ...(window ? [captureTimeCheck(pictures.map((file) => ({ id: file.id, capturedAt: file.analysis!.capturedAt ?? null })), window, thresholds.captureWindow)].filter((check) => check !== null) : []),
  ];
}
