import exifReader from "exif-reader";
import type { CaptureTime } from "../../domain/media/capture-time.js";

const offsetPattern = /^([+-])(\d{2}):(\d{2})$/;

/**
 * The capture time in a picture's EXIF block (as sharp's `metadata().exif` hands it over), read
 * with `exif-reader`: `DateTimeOriginal`, falling back to `DateTimeDigitized`. EXIF writes it as
 * the camera's local time, which exif-reader returns as if it were UTC; `OffsetTimeOriginal`
 * (EXIF 2.31) turns it into the true instant. Null when there is no EXIF or it cannot be read: a
 * broken EXIF block proves nothing about the picture. Only the times are looked at.
 */
export function captureTimeOf(exif: Buffer | undefined): CaptureTime | null {
  if (!exif) return null;
  let parsed: ReturnType<typeof exifReader>;
  try {
    parsed = exifReader(exif);
  } catch {
    return null;
  }
  const taken = parsed.Photo?.DateTimeOriginal ?? parsed.Photo?.DateTimeDigitized;
  if (!(taken instanceof Date) || Number.isNaN(taken.getTime())) return null;
  const offset = offsetPattern.exec(String(parsed.Photo?.OffsetTimeOriginal ?? parsed.Photo?.OffsetTime ?? ""));
  if (!offset) return { at: taken, zoned: false };
  const minutes = (offset[1] === "-" ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]));
  return { at: new Date(taken.getTime() - minutes * 60_000), zoned: true };
}
