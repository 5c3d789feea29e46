import { describe, expect, it } from "vitest";
import { bandsOf, differenceHash, hammingDistance } from "../../../../src/domain/media/perceptual-hash.js";

const grey = (pixel: (x: number, y: number) => number) => Array.from({ length: 72 }, (_, i) => pixel(i % 9, Math.floor(i / 9)));

describe("differenceHash", () => {
  it("sets a bit where the left neighbour is brighter", () => {
    expect(differenceHash(grey((x) => 255 - x * 10))).toBe("ffffffffffffffff");
    expect(differenceHash(grey((x) => x * 10))).toBe("0000000000000000");
    expect(differenceHash(grey((x, y) => (y === 0 ? 255 - x : x)))).toBe("ff00000000000000");
  });

  it("refuses anything but 9×8 grey levels", () => {
    expect(() => differenceHash(new Uint8Array(64))).toThrow(RangeError);
  });
});

describe("hammingDistance and bands", () => {
  it("counts differing bits", () => {
    expect(hammingDistance("ffffffffffffffff", "ffffffffffffffff")).toBe(0);
    expect(hammingDistance("ffffffffffffffff", "fffffffffffffffe")).toBe(1);
    expect(hammingDistance("0000000000000000", "ffffffffffffffff")).toBe(64);
  });

  it("keeps at least one band in common between hashes 3 bits apart, wherever the bits fall", () => {
    const base = "0123456789abcdef";
    for (const flips of [[0, 1, 2], [0, 16, 32], [15, 31, 47], [60, 61, 62]]) {
      const flipped = flips.reduce((hash, bit) => hash ^ (1n << BigInt(bit)), BigInt(`0x${base}`)).toString(16).padStart(16, "0");
      expect(hammingDistance(base, flipped)).toBe(3);
      expect(bandsOf(flipped).filter((band) => bandsOf(base).includes(band)).length).toBeGreaterThanOrEqual(1);
    }
    expect(bandsOf(base)).toEqual(["0:0123", "1:4567", "2:89ab", "3:cdef"]);
  });
});
