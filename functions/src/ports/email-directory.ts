/** Where a user's email goes: the address their identity provider has verified, if any. */
export interface EmailDirectory {
  /** The verified address of the account behind `identityKey`; undefined when it has none (or is not a Firebase account). */
  verifiedAddressOf(identityKey: string): Promise<string | undefined>;
}
