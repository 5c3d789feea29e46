import type { OidcIssuer } from "../domain/identity/oidc-issuer.js";

/** The OIDC issuers organizations trust. */
export interface OidcIssuerRepository {
  /** Stores it; false when the organization trusts this issuer for this audience already. */
  add(issuer: OidcIssuer): Promise<boolean>;
  /** The organization's issuers, oldest first. */
  listByOrg(orgId: string): Promise<OidcIssuer[]>;
  /** Every organization's configuration of this exact issuer URL. */
  findByIssuer(issuer: string): Promise<OidcIssuer[]>;
  /** Deletes it and answers what was deleted; null when the organization has no such issuer. */
  remove(orgId: string, id: string): Promise<OidcIssuer | null>;
}
