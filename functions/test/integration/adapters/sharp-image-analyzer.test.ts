import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { sharpImageAnalyzer } from "../../../src/adapters/sharp/sharp-image-analyzer.js";
import { hammingDistance } from "../../../src/domain/media/perceptual-hash.js";

// Real pictures made with sharp: a photo-like scene, its blurred, shrunk-and-recompressed and
// blank variants, and another scene, measured by the analyzer the checks will use.

/** A scene with gradients, shapes and fine texture, so that it has edges and a structure of its own. */
function scene(seed: number, width = 1200, height = 900): Promise<Buffer> {
  const shapes = Array.from({ length: 12 }, (_, i) => {
    const x = ((seed * 97 + i * 131) % 100) / 100;
    const y = ((seed * 53 + i * 71) % 100) / 100;
    const shade = (seed * 37 + i * 59) % 255;
    return `<rect x="${x * width * 0.8}" y="${y * height * 0.8}" width="${width / 6}" height="${height / 7}" fill="rgb(${shade},${255 - shade},${(shade * 3) % 255})"/>`;
  }).join("");
  const lines = Array.from({ length: 40 }, (_, i) => `<line x1="0" y1="${(i * height) / 40}" x2="${width}" y2="${((i + seed) * height) / 40}" stroke="#000" stroke-width="2"/>`).join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x2="${seed % 2}" y2="${(seed + 1) % 2}"><stop offset="0" stop-color="#1a4"/><stop offset="1" stop-color="#e93"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>${shapes}${lines}</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer();
}

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
