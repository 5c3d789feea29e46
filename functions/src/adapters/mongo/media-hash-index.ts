import type { Db } from "mongodb";
import { bandsOf, hammingDistance } from "../../domain/media/perceptual-hash.js";
import type { HashedMedia, MediaHashIndex } from "../../ports/media-hash-index.js";
import { classified } from "./errors.js";
import { insertIfAbsent } from "./insert-if-absent.js";

type BandDocument = { _id: string; hash: string; claimId: string; publicId: string };

/**
 * Perceptual hashes in `media_hashes`, one document per band of each hash, keyed
 * `<opportunityId>/<band>:<4 hex>/<publicId>`: a near-duplicate search is 4 range reads of `_id`
 * (which the local MongoDB-compatible server serves without a scan, and Atlas from the `_id`
 * index), and each hash is compared bit by bit only with the few that share a band with it.
 */
export function mongoMediaHashIndex(db: Db): MediaHashIndex {
  const collection = db.collection<BandDocument>("media_hashes");
  const keyOf = (opportunityId: string, band: string) => `${opportunityId}/${band}/`;
  return {
    record: (entry) =>
      classified(async () => {
        for (const band of bandsOf(entry.hash)) {
          await insertIfAbsent(collection, { _id: `${keyOf(entry.opportunityId, band)}${entry.publicId}`, hash: entry.hash, claimId: entry.claimId, publicId: entry.publicId });
        }
      }),
    near: (opportunityId, hash, maxDistance) =>
      classified(async () => {
        const found = new Map<string, HashedMedia & { distance: number }>();
        for (const band of bandsOf(hash)) {
          const prefix = keyOf(opportunityId, band);
          for (const document of await collection.find({ _id: { $gte: prefix, $lt: `${prefix}\uffff` } }).limit(1_000).toArray()) {
            const distance = hammingDistance(hash, document.hash);
            if (distance <= maxDistance) found.set(document.publicId, { opportunityId, claimId: document.claimId, publicId: document.publicId, hash: document.hash, distance });
          }
        }
        return [...found.values()];
      }),
  };
}
