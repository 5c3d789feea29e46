import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { sharpImageAnalyzer } from "../../../src/adapters/sharp/sharp-image-analyzer.js";
import { hammingDistance } from "../../../src/domain/media/perceptual-hash.js";
import { scene } from "../../support/pictures.js";

// Real pictures made with sharp: a photo-like scene, its blurred, shrunk-and-recompressed and
// blank variants, and another scene, measured by the analyzer the checks will use.

describe("the sharp image analyzer", () => {
  it("measures format, size, contrast and sharpness of a photo-like picture", async () => {
    const analysis = await sharpImageAnalyzer.analyze(await scene(1));
    expect(analysis).toMatchObject({ format: "jpg", width: 1200, height: 900 });
    expect(analysis.contrast).toBeGreaterThan(20);
    expect(analysis.sharpness).toBeGreaterThan(200);
    expect(analysis.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it("finds a blurred copy far less sharp, and a blank picture without contrast", async () => {
    const original = await scene(2);
    const blurred = await sharp(original).blur(8).jpeg().toBuffer();
    const blank = await sharp({ create: { width: 1000, height: 800, channels: 3, background: "#f4f4f4" } }).png().toBuffer();
    const [sharpOne, blurredOne, blankOne] = await Promise.all([original, blurred, blank].map((bytes) => sharpImageAnalyzer.analyze(bytes)));
    expect(blurredOne!.sharpness).toBeLessThan(sharpOne!.sharpness / 10);
    expect(blankOne).toMatchObject({ format: "png", contrast: 0, sharpness: 0 });
  });

  it("gives a shrunk, recompressed copy a hash within 3 bits, and another scene a distant one", async () => {
    const original = await scene(3);
    const copy = await sharp(original).resize(480).jpeg({ quality: 55 }).toBuffer();
    const other = await scene(8);
    const [a, b, c] = await Promise.all([original, copy, other].map((bytes) => sharpImageAnalyzer.analyze(bytes)));
    expect(hammingDistance(a!.hash, b!.hash)).toBeLessThanOrEqual(3);
    expect(hammingDistance(a!.hash, c!.hash)).toBeGreaterThan(10);
  });

  it("refuses a file that is not a picture", async () => {
    await expect(sharpImageAnalyzer.analyze(Buffer.from("not a picture"))).rejects.toMatchObject({ code: "validation_failed" });
  });
});
