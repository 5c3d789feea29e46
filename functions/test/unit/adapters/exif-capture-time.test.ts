import sharp, { type WriteableMetadata } from "sharp";
import { describe, expect, it } from "vitest";
import { captureTimeOf } from "../../../src/adapters/sharp/exif-capture-time.js";

// Real EXIF blocks, written by sharp (libvips) into a small JPEG and handed back by its metadata.
async function exifOf(exif: WriteableMetadata["exif"] | null): Promise<Buffer | undefined> {
  const image = sharp({ create: { width: 32, height: 24, channels: 3, background: "#468" } });
  const bytes = await (exif ? image.withExif(exif) : image).jpeg().toBuffer();
  return (await sharp(bytes).metadata()).exif;
}

describe("captureTimeOf", () => {
  it("places a capture time with its offset exactly", async () => {
    expect(captureTimeOf(await exifOf({ IFD2: { DateTimeOriginal: "2026:11:29 09:30:00", OffsetTimeOriginal: "-05:00" } }))).toEqual({ at: new Date("2026-11-29T14:30:00Z"), zoned: true });
  });

  it("reads a capture time without offset as the camera's local time, marked unzoned", async () => {
    expect(captureTimeOf(await exifOf({ IFD2: { DateTimeOriginal: "2026:11:29 09:30:00" } }))).toEqual({ at: new Date("2026-11-29T09:30:00Z"), zoned: false });
  });

  it("finds none without EXIF, without a capture time, or in a broken block", async () => {
    expect(captureTimeOf(await exifOf(null))).toBeNull();
    expect(captureTimeOf(await exifOf({ IFD0: { Make: "PhoneMaker" } }))).toBeNull();
    expect(captureTimeOf(Buffer.from("Exif\0\0garbage"))).toBeNull();
  });
});
