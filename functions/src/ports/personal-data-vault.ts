/** Where each user's personal data is kept readable: their data key (envelope encryption under KMS). */
export interface PersonalDataVault {
  /**
   * Deletes the user's data key and the documents that hold nothing but their personal data
   * (payout details): whatever was sealed with the key, in every copy and backup, can no longer be
   * read. Idempotent.
   */
  shred(userId: string): Promise<void>;
  /** Re-wraps the data keys wrapped by a key version older than the primary one (after a rotation); how many. */
  rewrapKeys(): Promise<number>;
}
