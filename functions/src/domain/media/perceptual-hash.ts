/**
 * A 64-bit difference hash (dHash) of a picture: from its grey levels shrunk to 9×8, one bit per
 * pair of horizontal neighbours, set when the left one is brighter. Resizing and recompression
 * barely move it (they keep the coarse gradients), so two copies of one photo differ by a few bits
 * where two different photos differ by about 32. Kept as 16 hex digits.
 */
export function differenceHash(grey9x8: Uint8Array | readonly number[]): string {
  if (grey9x8.length !== 72) throw new RangeError(`a difference hash takes 9×8 grey levels, got ${grey9x8.length}`);
  let hash = 0n;
  for (let row = 0; row < 8; row += 1) {
    for (let column = 0; column < 8; column += 1) {
      const left = grey9x8[row * 9 + column]!;
      const right = grey9x8[row * 9 + column + 1]!;
      hash = (hash << 1n) | (left > right ? 1n : 0n);
    }
  }
  return hash.toString(16).padStart(16, "0");
}

/** How many of the 64 bits two hashes differ by. */
export function hammingDistance(a: string, b: string): number {
  let diff = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let count = 0;
  while (diff > 0n) {
    diff &= diff - 1n;
    count += 1;
  }
  return count;
}

/** The number of bands a hash is split into for the duplicate index; hashes within `bands - 1` bits share one band exactly. */
export const hashBands = 4;

/**
 * The hash's four 16-bit bands (4 hex digits each), tagged by position: `0:1f3a`, `1:…`. Multi-index
 * hashing: two hashes that differ by at most 3 bits agree on at least one of 4 bands (pigeonhole),
 * so the candidates for a near duplicate are the stored hashes sharing a band with it, found by
 * exact lookups, and only those are compared bit by bit.
 */
export function bandsOf(hash: string): string[] {
  return Array.from({ length: hashBands }, (_, band) => `${band}:${hash.slice(band * 4, band * 4 + 4)}`);
}
