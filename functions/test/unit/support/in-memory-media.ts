import { hammingDistance } from "../../../src/domain/media/perceptual-hash.js";
import type { HashedMedia, MediaHashIndex } from "../../../src/ports/media-hash-index.js";
import { claimPrefix, type MediaAsset } from "../../../src/domain/media/media-asset.js";
import type { MediaAssetRepository } from "../../../src/ports/media-asset-repository.js";

/** Media assets keyed by public id, as in MongoDB. */
export class InMemoryMediaAssetRepository implements MediaAssetRepository {
  readonly byPublicId = new Map<string, MediaAsset>();

  async recordIfAbsent(asset: MediaAsset): Promise<boolean> {
    if (this.byPublicId.has(asset.publicId)) return false;
    this.byPublicId.set(asset.publicId, structuredClone(asset));
    return true;
  }

  async listByClaim(claimId: string): Promise<MediaAsset[]> {
    return [...this.byPublicId.values()].filter((asset) => asset.publicId.startsWith(claimPrefix(claimId))).sort((a, b) => a.uploadedAt.getTime() - b.uploadedAt.getTime());
  }
}

/** Perceptual hashes searched by brute force: the unit tier checks what is found, not how. */
export class InMemoryMediaHashIndex implements MediaHashIndex {
  readonly entries = new Map<string, HashedMedia>();

  async record(entry: HashedMedia): Promise<void> {
    this.entries.set(entry.publicId, { ...entry });
  }

  async near(opportunityId: string, hash: string, maxDistance: number): Promise<Array<HashedMedia & { distance: number }>> {
    return [...this.entries.values()]
      .filter((entry) => entry.opportunityId === opportunityId)
      .map((entry) => ({ ...entry, distance: hammingDistance(entry.hash, hash) }))
      .filter((entry) => entry.distance <= maxDistance);
  }
}
