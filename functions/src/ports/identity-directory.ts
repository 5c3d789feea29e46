/** Looks accounts up at the identity provider, by what the provider knows of them. */
export interface IdentityDirectory {
  /** The identity key of the account that has proved it owns `email` (verified), if any. */
  verifiedOwnerOf(email: string): Promise<string | undefined>;
}
