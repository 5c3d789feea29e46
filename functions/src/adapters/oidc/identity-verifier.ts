import { decodeJwt } from "jose";
import type { IdentityVerifier, VerifiedIdentity } from "../../ports/identity-verifier.js";
import type { OidcIssuerRepository } from "../../ports/oidc-issuer-repository.js";
import type { oidcTokenVerifier } from "./oidc-token-verifier.js";

/**
 * One verifier for every ID token: a token whose `iss` an organization trusts goes to the OIDC
 * verifier, with that issuer's configurations; any other token to Firebase, which refuses what is
 * not its own. The unverified `iss` only chooses who checks the token: a forged one is refused by
 * whichever verifier it reaches.
 */
export function identityVerifier(firebase: IdentityVerifier, oidc: ReturnType<typeof oidcTokenVerifier>, issuers: OidcIssuerRepository): IdentityVerifier {
  return {
    async verify(idToken, options): Promise<VerifiedIdentity> {
      const issuer = issuerOf(idToken);
      const candidates = issuer === undefined || issuer.startsWith("https://securetoken.google.com/") ? [] : await issuers.findByIssuer(issuer);
      return candidates.length > 0 ? oidc.verify(idToken, candidates) : firebase.verify(idToken, options);
    },
  };
}

function issuerOf(token: string): string | undefined {
  try {
    const { iss } = decodeJwt(token);
    return typeof iss === "string" ? iss : undefined;
  } catch {
    return undefined;
  }
}
