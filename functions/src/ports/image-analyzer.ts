import type { CaptureTime } from "../domain/media/capture-time.js";

/** What automatic checks read of a picture. */
export interface ImageAnalysis {
  format: string;
  width: number;
  height: number;
  /** Standard deviation of its grey levels (0–128): near 0 for a blank or uniform picture. */
  contrast: number;
  /** Variance of the Laplacian of its grey levels at a fixed scale: low for a blurred picture. */
  sharpness: number;
  /** Its 64-bit difference hash, 16 hex digits (domain/media/perceptual-hash.ts). */
  hash: string;
  /**
   * When its EXIF says it was taken (`DateTimeOriginal`, placed exactly when `OffsetTimeOriginal`
   * is there); null without EXIF. The analyzer reads nothing else of the EXIF: no GPS, no camera.
   */
  capturedAt: CaptureTime | null;
}

/** Decodes and measures pictures. */
export interface ImageAnalyzer {
  analyze(bytes: Uint8Array): Promise<ImageAnalysis>;
}
