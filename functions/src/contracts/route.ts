import type { z } from "zod";

// A route is declared once, here: method, path, schemas and who may call it. The router inside
// each HTTPS function, the validation and the OpenAPI document all derive from the declaration.

export const orgRoles = ["owner", "admin", "reviewer", "developer", "viewer"] as const;
export type OrgRole = (typeof orgRoles)[number];

export const apiScopes = ["opportunities:read", "opportunities:write", "claims:read", "submissions:review", "webhooks:read", "webhooks:write", "rewards:read", "rewards:write"] as const;
export type ApiScope = (typeof apiScopes)[number];

/**
 * Which credentials a route accepts. Roles and ownership are checked by the use case, which is
 * the only place that knows which organization a request touches.
 */
export type RouteAuth =
  | { kind: "public" }
  /**
   * A signed-in person: a Firebase or OIDC ID token. `sensitive`: the token is also checked against
   * revocation and disabled accounts. `anonymous`: anonymous sign-ins are let in too (browsing only).
   */
  | { kind: "user"; sensitive?: true; anonymous?: true }
  /** A signed-in person, or an organization's API key that carries `scope`. */
  | { kind: "user_or_api_key"; scope: ApiScope; sensitive?: true; anonymous?: true }
  /** A signed-in person whose token carries the operator claim. */
  | { kind: "operator" };

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

export interface RouteSpec {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI-style template: `/v1/opportunities/{opportunityId}`. */
  path: `/v1/${string}`;
  summary: string;
  tag: string;
  auth: RouteAuth;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /**
   * `form_or_json`: the body may also come as application/x-www-form-urlencoded (one value per
   * field), for callers that cannot send JSON: mail clients posting RFC 8058's one-click unsubscribe.
   */
  bodyFormat?: "json" | "form_or_json";
  /** Largest body accepted, in bytes, when the route takes one; the HTTP layer's default (64 KiB) otherwise. A route without a body refuses any. */
  bodyLimitBytes?: number;
  /**
   * Response fields shown in the first answer only (a new API key, a signing secret). They are
   * never stored: a replay of the request answers `shown_once` with the rest of what was created.
   */
  shownOnce?: readonly string[];
  /**
   * A route whose work is heavy (a bulk import, a batch of decisions) is limited as `expensive`;
   * every other route as a read (GET) or a write (domain/identity/rate-limits.ts).
   */
  rateClass?: "expensive";
  /**
   * The action a success of this route appends to its organization's audit log
   * (`api_key.revoked`): privileged routes declare one, and the router records it.
   */
  audit?: `${string}.${string}`;
  /**
   * A route kept for the clients that still call it: since when it is deprecated, when it stops
   * answering (dates, UTC), and the path of the route that replaces it. Its answers say so in
   * `Deprecation` (RFC 9745), `Sunset` (RFC 8594) and a `Link` to the successor (http/deprecation.ts).
   */
  deprecated?: { since: IsoDate; sunset: IsoDate; successor: `/v1/${string}` };
  /**
   * A sensitive operation (keys, secrets, money, roles, erasure): a person's sign-in must have used
   * a second factor recently, else 403 `mfa_required` (domain/identity/step-up.ts).
   */
  stepUp?: true;
  response: { status: 200 | 201 | 202; schema: z.ZodType };
}

/** A calendar date, `2027-05-31`. */
type IsoDate = `${number}-${number}-${number}`;

export function defineRoute<const Spec extends RouteSpec>(spec: Spec): Spec {
  return spec;
}

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;
export type RouteParams<R extends RouteSpec> = Infer<R["params"]>;
export type RouteQuery<R extends RouteSpec> = Infer<R["query"]>;
export type RouteBody<R extends RouteSpec> = Infer<R["body"]>;
export type RouteOutput<R extends RouteSpec> = z.input<R["response"]["schema"]>;
