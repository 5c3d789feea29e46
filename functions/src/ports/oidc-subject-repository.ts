/** Which user each subject of each OIDC issuer is: one user per issuer and subject. */
export interface OidcSubjectRepository {
  find(issuer: string, subject: string): Promise<{ userId: string; linkedAt: Date } | null>;
  /**
   * Maps the subject to `userId` unless it is mapped already, and answers the mapping that holds:
   * two racing first sign-ins, or a sign-in racing a link, settle on one user.
   */
  link(issuer: string, subject: string, userId: string, at: Date): Promise<{ userId: string; linkedAt: Date }>;
}
