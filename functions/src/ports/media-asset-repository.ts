import type { MediaAsset } from "../domain/media/media-asset.js";

/** The media files recorded against claims, keyed by their public id. */
export interface MediaAssetRepository {
  /** Records the asset unless its public id is recorded already; true when this call recorded it. */
  recordIfAbsent(asset: MediaAsset): Promise<boolean>;
  /** Every asset of the claim, oldest first. */
  listByClaim(claimId: string): Promise<MediaAsset[]>;
}
