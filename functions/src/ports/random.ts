/** Uniform random integers from a cryptographic source: for what must not be guessed (voucher codes). */
export interface SecureRandom {
  /** An integer in [0, n). */
  int(n: number): number;
}
