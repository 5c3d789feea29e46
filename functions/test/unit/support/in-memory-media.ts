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
