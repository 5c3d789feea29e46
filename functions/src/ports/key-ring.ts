/**
 * A small secret as stored: a versioned, self-describing record of envelope encryption. The secret
 * is encrypted with a data key of its own (AES-256-GCM: `iv`, `ciphertext`, `tag`), and the data
 * key is kept only wrapped by the key-management key `keyName`. Binary fields are base64.
 */
export interface SealedSecret {
  readonly v: 1;
  readonly keyName: string;
  readonly wrappedKey: string;
  readonly iv: string;
  readonly ciphertext: string;
  readonly tag: string;
}

/**
 * Encrypts small secrets at rest. Each secret is bound to associated data naming where it is stored
 * (`webhook_endpoints/<id>/secret`), so a sealed value copied anywhere else does not decrypt.
 */
export interface KeyRing {
  encrypt(plaintext: string, associatedData: string): Promise<SealedSecret>;
  /**
   * The plaintext of `sealed`; AppError `internal` when it was altered or is bound to other
   * associated data, `unavailable` when the key service cannot be reached.
   */
  decrypt(sealed: SealedSecret, associatedData: string): Promise<string>;
}
