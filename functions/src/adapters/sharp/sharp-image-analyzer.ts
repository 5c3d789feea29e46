import sharp from "sharp";
import { AppError } from "../../domain/app-error.js";
import { differenceHash } from "../../domain/media/perceptual-hash.js";
import type { ImageAnalyzer } from "../../ports/image-analyzer.js";
import { captureTimeOf } from "./exif-capture-time.js";

// Sharpness is measured at one scale whatever the upload's size, so that one threshold fits a
// phone photo and a downscaled one alike: the longer side is brought to this many pixels.
const measureSide = 512;
const formats: Record<string, string> = { jpeg: "jpg", png: "png", webp: "webp", heif: "heic" };

/**
 * Pictures decoded with sharp (libvips): grey levels at a fixed scale for contrast and sharpness,
 * 9×8 for the hash, and the capture time of the EXIF. Nothing is written out: the raw grey buffers
 * sharp produces carry no metadata, and of the EXIF only the capture time is returned.
 */
export const sharpImageAnalyzer: ImageAnalyzer = {
  async analyze(bytes) {
    const unreadable = () => new AppError("validation_failed", "the file is not a picture we can read");
    const image = sharp(bytes, { failOn: "error" }).rotate();
    const metadata = await image.metadata().catch(() => null);
    const format = metadata?.format ? formats[metadata.format] : undefined;
    if (!metadata || !format || !metadata.width || !metadata.height) throw unreadable();
    // A file whose header reads but whose pixels do not (truncated, corrupt) is unreadable too, never a retry.
    const [grey, tiny] = await Promise.all([
      image.clone().greyscale().resize(measureSide, measureSide, { fit: "inside", withoutEnlargement: false }).raw().toBuffer({ resolveWithObject: true }),
      image.clone().greyscale().resize(9, 8, { fit: "fill" }).raw().toBuffer(),
    ]).catch(() => {
      throw unreadable();
    });
    return {
      format,
      width: metadata.width,
      height: metadata.height,
      contrast: standardDeviation(grey.data),
      sharpness: laplacianVariance(grey.data, grey.info.width, grey.info.height),
      hash: differenceHash(tiny),
      capturedAt: captureTimeOf(metadata.exif),
    };
  },
};

function standardDeviation(pixels: Uint8Array): number {
  let sum = 0;
  let squares = 0;
  for (const value of pixels) {
    sum += value;
    squares += value * value;
  }
  const mean = sum / pixels.length;
  return Math.sqrt(Math.max(0, squares / pixels.length - mean * mean));
}

/** Variance of the 4-neighbour Laplacian over the inner pixels: edges make it large, blur flattens it. */
function laplacianVariance(pixels: Uint8Array, width: number, height: number): number {
  let sum = 0;
  let squares = 0;
  let count = 0;
  for (let y = 1; y < height - 1; y += 1) {
    for (let x = 1; x < width - 1; x += 1) {
      const at = y * width + x;
      const value = pixels[at - width]! + pixels[at + width]! + pixels[at - 1]! + pixels[at + 1]! - 4 * pixels[at]!;
      sum += value;
      squares += value * value;
      count += 1;
    }
  }
  if (count === 0) return 0;
  const mean = sum / count;
  return squares / count - mean * mean;
}
