import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { bench, describe } from "vitest";
import { sharpImageAnalyzer } from "../src/adapters/sharp/sharp-image-analyzer.js";
import { bandsOf, hammingDistance } from "../src/domain/media/perceptual-hash.js";

// Images analysed per second on one core (one at a time, libvips held to one thread), and the cost of finding the near duplicates (≤ 3 bits) of one hash among 1,000, 10,000 and
// 100,000 stored ones: a linear scan against the multi-index of 4 16-bit bands the duplicate check
// is built on (domain/media/perceptual-hash.ts), modelled in memory with exact-key lookups, as the
// database answers `_id`-prefixed keys.

// libvips would use every core for one image: held to one, the figure is per core.
sharp.concurrency(1);

const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 80, g: 120, b: 160 } } })
  .composite(Array.from({ length: 20 }, (_, i) => ({ input: { create: { width: 120, height: 90, channels: 3 as const, background: { r: (i * 53) % 255, g: (i * 97) % 255, b: (i * 31) % 255 } } }, left: (i * 71) % 1400, top: (i * 43) % 1000 })))
  .jpeg({ quality: 85 })
  .toBuffer();

describe("image verification (1600×1200 JPEG)", () => {
  bench("analyze one image: decode, contrast, sharpness, hash", async () => {
    await sharpImageAnalyzer.analyze(photo);
  });
});

const randomHash = () => randomBytes(8).toString("hex");

function storeOf(size: number) {
  const hashes = Array.from({ length: size }, randomHash);
  const byBand = new Map<string, string[]>();
  for (const hash of hashes) for (const band of bandsOf(hash)) byBand.set(band, [...(byBand.get(band) ?? []), hash]);
  return { hashes, byBand };
}

for (const size of [1_000, 10_000, 100_000]) {
  const store = storeOf(size);
  const probe = randomHash();
  describe(`near-duplicate lookup among ${size.toLocaleString("en")} stored hashes`, () => {
    bench("linear scan", () => {
      store.hashes.filter((hash) => hammingDistance(hash, probe) <= 3);
    });
    bench("multi-index, 4 bands of 16 bits", () => {
      const candidates = new Set(bandsOf(probe).flatMap((band) => store.byBand.get(band) ?? []));
      [...candidates].filter((hash) => hammingDistance(hash, probe) <= 3);
    });
  });
}
