import type { ApiScope } from "../../contracts/route.js";
import { AppError } from "../app-error.js";

/** Who is calling: a signed-in user, or an organization's API key. */
export type Principal =
  | {
      kind: "user";
      userId: string;
      anonymous: boolean;
      operator: boolean;
      /**
       * The email address the token proves the caller owns (verified; lowercased), absent when the
       * token carries none or an unverified one: only this may match an invitation.
       */
      verifiedEmail?: string;
      /**
       * When the sign-in behind the token used a second factor (Firebase multi-factor, or an OIDC
       * issuer's `amr`/`acr`); absent without one. Sensitive operations want it recent (step-up.ts).
       */
      secondFactorAt?: Date;
    }
  | { kind: "api_key"; keyId: string; orgId: string; scopes: readonly ApiScope[]; createdBy: string };

/**
 * The signed-in person's user id. Anonymous accounts may only browse: claiming, earning and
 * belonging to an organization need an account someone can be held to.
 */
export function requireUser(principal: Principal): string {
  if (principal.kind !== "user") throw new AppError("forbidden", "this needs a signed-in user, not an API key");
  if (principal.anonymous) throw new AppError("forbidden", "this needs an account; sign in with email or a provider, not anonymously", { reason: "anonymous_account" });
  return principal.userId;
}
