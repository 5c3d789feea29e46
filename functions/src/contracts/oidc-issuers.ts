import { z } from "zod";
import { OrgId, prefixedId, Timestamp } from "./common.js";
import { defineRoute } from "./route.js";

export const OidcIssuerId = prefixedId("oid");

/**
 * The signature algorithms an issuer may be pinned to: asymmetric only. `none` and the HMAC
 * family are never accepted, whatever a token's header says (an HS256 token "signed" with the
 * issuer's public key is the classic forgery).
 */
export const oidcAlgorithms = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"] as const;
export const OidcAlgorithm = z.enum(oidcAlgorithms);

const IssuerUrl = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .refine((url) => !url.includes("?") && !url.includes("#"), "an issuer URL has no query or fragment");

export const OidcIssuerIn = z
  .strictObject({
    /** Exactly the `iss` its tokens carry; its discovery document is at `<issuer>/.well-known/openid-configuration`. */
    issuer: IssuerUrl,
    /** The `aud` its tokens must carry for User-X (the client id registered there). */
    audience: z.string().trim().min(1).max(300),
    /** The algorithms its tokens may be signed with; anything else is refused. */
    algorithms: z.array(OidcAlgorithm).min(1).max(oidcAlgorithms.length).default(["RS256"]),
    /** `acr` values that prove a second factor for step-up, besides an `amr` naming one (mfa, otp, hwk, …). */
    mfaAcrValues: z.array(z.string().min(1).max(200)).max(10).default([]),
  })
  .meta({ id: "OidcIssuerIn" });
export type OidcIssuerIn = z.infer<typeof OidcIssuerIn>;

export const OidcIssuerOut = z
  .object({
    id: OidcIssuerId,
    orgId: OrgId,
    issuer: z.string(),
    audience: z.string(),
    algorithms: z.array(OidcAlgorithm),
    mfaAcrValues: z.array(z.string()),
    createdAt: Timestamp,
  })
  .meta({ id: "OidcIssuer" });
export type OidcIssuerOut = z.infer<typeof OidcIssuerOut>;

/** A sign-in with an organization's issuer, linked to the signed-in account (both must prove the same verified address). */
export const OidcLinkIn = z.strictObject({ idToken: z.string().min(1).max(8192) }).meta({ id: "OidcLinkIn" });
export type OidcLinkIn = z.infer<typeof OidcLinkIn>;

export const OidcLinkOut = z.object({ issuer: z.string(), subject: z.string(), linkedAt: Timestamp }).meta({ id: "OidcLink" });
export type OidcLinkOut = z.infer<typeof OidcLinkOut>;

const ByOrg = z.strictObject({ orgId: OrgId });
const ByIssuer = z.strictObject({ orgId: OrgId, issuerId: OidcIssuerId });

export const oidcIssuerRoutes = {
  addOidcIssuer: defineRoute({
    operationId: "addOidcIssuer",
    audit: "oidc_issuer.added",
    stepUp: true,
    method: "POST",
    path: "/v1/organizations/{orgId}/oidc-issuers",
    summary: "Trust an OpenID Connect issuer for sign-in (owners and admins): its URL, the audience and the algorithms its tokens must carry",
    tag: "Organizations",
    auth: { kind: "user", sensitive: true },
    params: ByOrg,
    body: OidcIssuerIn,
    response: { status: 201, schema: OidcIssuerOut },
  }),
  listOidcIssuers: defineRoute({
    operationId: "listOidcIssuers",
    method: "GET",
    path: "/v1/organizations/{orgId}/oidc-issuers",
    summary: "List the OpenID Connect issuers the organization trusts, oldest first",
    tag: "Organizations",
    auth: { kind: "user" },
    params: ByOrg,
    response: { status: 200, schema: z.object({ data: z.array(OidcIssuerOut), nextCursor: z.null() }) },
  }),
  removeOidcIssuer: defineRoute({
    operationId: "removeOidcIssuer",
    audit: "oidc_issuer.removed",
    stepUp: true,
    method: "DELETE",
    path: "/v1/organizations/{orgId}/oidc-issuers/{issuerId}",
    summary: "Stop trusting an issuer (owners and admins); its tokens are refused from then on (unless another organization trusts it for the same audience)",
    tag: "Organizations",
    auth: { kind: "user", sensitive: true },
    params: ByIssuer,
    response: { status: 200, schema: OidcIssuerOut },
  }),
  linkOidcIdentity: defineRoute({
    operationId: "linkOidcIdentity",
    method: "POST",
    path: "/v1/account/oidc-identities",
    summary: "Link a sign-in with an organization's issuer to the signed-in account; both must prove the same verified email address",
    tag: "Account",
    auth: { kind: "user", sensitive: true },
    body: OidcLinkIn,
    response: { status: 201, schema: OidcLinkOut },
  }),
};
