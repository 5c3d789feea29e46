import type { z } from "zod";
import type { VerificationCheck } from "../../contracts/claims.js";
import type { CaptureWindowPolicy } from "../../contracts/opportunities.js";

/** When a picture says it was taken, from its EXIF `DateTimeOriginal`; `zoned` when `OffsetTimeOriginal` placed it in time exactly. */
export interface CaptureTime {
  at: Date;
  zoned: boolean;
}

/** The span a picture of a claim must have been taken in: from the claim's making to the submission. */
export interface CaptureWindow {
  from: Date;
  to: Date;
}

const hourMs = 60 * 60 * 1_000;
// A capture time without its offset is the camera's local time read as UTC: anywhere on Earth it is
// within 14 hours of the true instant, so it is judged only when outside the window by more than that.
const unzonedSlackMs = 14 * hourMs;
// Camera clocks drift, and are set by hand on some: a few minutes either side are forgiven.
const clockSlackMs = 10 * 60 * 1_000;

/**
 * `media_capture_time`: each picture's EXIF capture time against the claim's window. `score` is the
 * most hours any picture lies outside it (0 inside). Outside the window: what the opportunity's
 * `captureWindow` says (`review`: not conclusive, a reviewer decides; `reject`: a conclusive
 * failure; `off`: no check). A picture with no capture time (screenshots, edited or downscaled
 * copies, whose EXIF is gone) passes, its id named in the reason, since its absence proves nothing.
 */
export function captureTimeCheck(
  pictures: readonly { id: string; capturedAt: CaptureTime | null }[],
  window: CaptureWindow,
  policy: CaptureWindowPolicy,
): z.infer<typeof VerificationCheck> | null {
  if (policy === "off" || pictures.length === 0) return null;
  const outside = pictures.flatMap((picture) => {
    if (!picture.capturedAt) return [];
    const slack = clockSlackMs + (picture.capturedAt.zoned ? 0 : unzonedSlackMs);
    const at = picture.capturedAt.at.getTime();
    const early = window.from.getTime() - slack - at;
    const late = at - (window.to.getTime() + slack);
    const off = Math.max(early, late);
    return off > 0 ? [{ id: picture.id, hours: (off + slack) / hourMs, when: early > 0 ? "before the claim" : "after the submission" }] : [];
  });
  const undated = pictures.filter((picture) => !picture.capturedAt).map((picture) => picture.id);
  const note = undated.length === 0 ? [] : [`no capture time in ${undated.join(", ")}`];
  if (outside.length === 0) return { name: "media_capture_time", passed: true, conclusive: true, score: 0, ...(note.length > 0 ? { reason: note.join("; ") } : {}) };
  const reason = [...outside.map((picture) => `${picture.id}: taken ${picture.hours.toFixed(1)} h ${picture.when}`), ...note].join("; ");
  return { name: "media_capture_time", passed: false, conclusive: policy === "reject", score: Math.max(...outside.map((picture) => picture.hours)), reason };
}
