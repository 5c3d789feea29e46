import type { Db } from "mongodb";
import { claimPrefix, MediaAsset } from "../../domain/media/media-asset.js";
import type { MediaAssetRepository } from "../../ports/media-asset-repository.js";
import { classified } from "./errors.js";
import { insertIfAbsent } from "./insert-if-absent.js";
import { parseDocument } from "./parse-document.js";

type MediaAssetDocument = Omit<MediaAsset, "publicId"> & { _id: string };

/**
 * Media assets in `media_assets`, keyed by their public id (`claims/<claimId>/<taskId>/<mediaId>`):
 * a claim's assets are one range of `_id`, which the local MongoDB-compatible server looks up
 * without a scan (it scans for any other filter), and a repeated notification hits the same key.
 */
export function mongoMediaAssetRepository(db: Db): MediaAssetRepository {
  const collection = db.collection<MediaAssetDocument>("media_assets");
  const parse = ({ _id, ...rest }: MediaAssetDocument): MediaAsset => parseDocument(MediaAsset, "media_assets", { ...rest, publicId: _id }, _id);
  return {
    recordIfAbsent: ({ publicId, ...rest }) => classified(() => insertIfAbsent(collection, { _id: publicId, ...rest })),
    listByClaim: (claimId) =>
      classified(async () => {
        const prefix = claimPrefix(claimId);
        const documents = await collection.find({ _id: { $gte: prefix, $lt: `${prefix}\uffff` } }).limit(500).toArray();
        return documents.map(parse).sort((a, b) => a.uploadedAt.getTime() - b.uploadedAt.getTime() || a.id.localeCompare(b.id));
      }),
  };
}
