/** A stored picture's perceptual hash, and whose it is. */
export interface HashedMedia {
  opportunityId: string;
  claimId: string;
  publicId: string;
  hash: string;
}

/** The perceptual hashes of an opportunity's pictures, searched for near duplicates (multi-index hashing, domain/media/perceptual-hash.ts). */
export interface MediaHashIndex {
  /** Adds the picture's hash; adding it again changes nothing. */
  record(entry: HashedMedia): Promise<void>;
  /** The opportunity's pictures whose hash is within `maxDistance` (at most 3) bits of `hash`, with their distance. */
  near(opportunityId: string, hash: string, maxDistance: number): Promise<Array<HashedMedia & { distance: number }>>;
}
