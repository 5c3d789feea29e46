import type { z } from "zod";
import type { VerificationCheck as VerificationCheckSchema } from "../../contracts/claims.js";
import { allowedFormats, type Task } from "../../contracts/opportunities.js";
import type { MediaAsset } from "./media-asset.js";

type VerificationCheck = z.infer<typeof VerificationCheckSchema>;

/** What the checks read of an uploaded file: what the media store reported when it stored it. */
export type UploadedMedia = Pick<MediaAsset, "id" | "taskId" | "kind" | "format" | "bytes" | "width" | "height">;

/**
 * The checks of an upload task's files against its constraints, from what the media store read of
 * each file (its kind, format, size and dimensions, taken from the bytes, never from the client).
 * What they cannot see, the picture itself, waits for a reviewer (`media_content`, not conclusive).
 */
export function uploadChecks(task: Extract<Task, { type: "upload" }>, files: readonly UploadedMedia[]): VerificationCheck[] {
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
    { name: "media_content", passed: false, conclusive: false, reason: "no automatic analysis of the picture yet: a reviewer looks at it" },
  ];
}
