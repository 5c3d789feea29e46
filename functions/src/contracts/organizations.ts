import { z } from "zod";
import { ApiKeyId, OrgId, Timestamp, UserId, WebhookEndpointId } from "./common.js";
import { apiScopes, defineRoute, orgRoles } from "./route.js";

export const OrgRole = z.enum(orgRoles);
export const ApiScope = z.enum(apiScopes);

export const OrganizationIn = z.strictObject({ name: z.string().trim().min(1).max(200) }).meta({ id: "OrganizationIn" });
export type OrganizationIn = z.infer<typeof OrganizationIn>;

export const OrganizationOut = z
  .object({
    id: OrgId,
    name: z.string(),
    members: z.array(z.object({ userId: UserId, role: OrgRole })),
    createdAt: Timestamp,
  })
  .meta({ id: "Organization" });
export type OrganizationOut = z.infer<typeof OrganizationOut>;

export const MemberIn = z.strictObject({ userId: UserId, role: OrgRole }).meta({ id: "MemberIn" });
export type MemberIn = z.infer<typeof MemberIn>;

const ipv4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Whether `value` is an address with a prefix length (`/n`, optional) that fits it; no Node built-ins, the SDK runs in browsers. */
function isCidr(value: string): boolean {
  const [address = "", prefix, ...rest] = value.split("/");
  if (rest.length > 0) return false;
  const v6 = address.includes(":");
  if (v6 ? !URL.canParse(`http://[${address}]/`) : !ipv4.test(address)) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (v6 ? 128 : 32);
}

/** An IPv4 or IPv6 network in CIDR notation (`203.0.113.0/24`, `2001:db8::/32`); a single address is a /32 or /128. */
export const Cidr = z.string().refine(isCidr, "an address or network in CIDR notation, such as 203.0.113.0/24 or 2001:db8::/32");

export const ApiKeyIn = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    scopes: z.array(ApiScope).min(1),
    /** When the key stops working; never, when absent. */
    expiresAt: Timestamp.optional(),
    /** Where the key may be used from: the client addresses allowed, or anywhere when empty. */
    allowedCidrs: z.array(Cidr).max(50).default([]),
  })
  .meta({ id: "ApiKeyIn" });
export type ApiKeyIn = z.infer<typeof ApiKeyIn>;

export const ApiKeyOut = z
  .object({
    id: ApiKeyId,
    orgId: OrgId,
    name: z.string(),
    scopes: z.array(ApiScope),
    /** The key itself: returned once, on creation or rotation, and never stored. */
    key: z.string().optional(),
    /** `revoked` and `expired` keys authenticate nothing. */
    status: z.enum(["active", "expired", "revoked"]),
    expiresAt: Timestamp.nullable(),
    allowedCidrs: z.array(z.string()),
    /** After a rotation, until when the key it replaced still works. */
    previousKeyValidUntil: Timestamp.nullable(),
    revokedAt: Timestamp.nullable(),
    lastUsedAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: "ApiKey" });

export const ApiKeyRotationIn = z
  .strictObject({
    /** How long the replaced key keeps working beside the new one: 24 hours unless said, at most 7 days; 0 ends it at once. */
    overlapSeconds: z.number().int().min(0).max(7 * 86_400).default(86_400),
  })
  .meta({ id: "ApiKeyRotationIn" });
export type ApiKeyOut = z.infer<typeof ApiKeyOut>;

/**
 * Headers a request of ours always sets, or that only the HTTP connection may set: an endpoint's
 * custom headers may not name them (a receiver must be able to trust `webhook-*`).
 */
export const reservedWebhookHeaders = ["content-type", "content-length", "host", "user-agent", "connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "expect"] as const;

const isReservedHeader = (name: string) => {
  const lower = name.toLowerCase();
  return (reservedWebhookHeaders as readonly string[]).includes(lower) || lower.startsWith("webhook-") || lower.startsWith("proxy-");
};

/** Extra headers sent with every request to the endpoint (an API gateway's key, a routing tag). */
export const WebhookHeaders = z
  .record(
    z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, "a header name: letters, digits and dashes")
      .refine((name) => !isReservedHeader(name), "this header is set by User-X or by the connection"),
    // No CR or LF: a value may not start another header.
    z.string().max(1_000).regex(/^[\x20-\x7e]*$/, "printable ASCII only"),
  )
  .refine((headers) => Object.keys(headers).length <= 20, "at most 20 headers")
  .refine((headers) => new Set(Object.keys(headers).map((name) => name.toLowerCase())).size === Object.keys(headers).length, "a header is named twice");

/** Keys and values of the organization's own, kept with the endpoint and never sent. */
export const WebhookMetadata = z
  .record(z.string().min(1).max(64), z.string().max(500))
  .refine((metadata) => Object.keys(metadata).length <= 20, "at most 20 keys");

/** The most messages a second the endpoint is sent; null: no limit of its own. */
export const WebhookRateLimit = z.number().int().min(1).max(1_000).nullable();

const WebhookUrl = z.url({ protocol: /^https?$/ }).max(2_000);
const WebhookEventTypes = z.array(z.string().regex(/^[a-z_]+(\.[a-z_]+)+\.v\d+$/)).min(1).max(50);

export const WebhookEndpointIn = z
  .strictObject({
    url: WebhookUrl,
    eventTypes: WebhookEventTypes,
    description: z.string().max(500).default(""),
    headers: WebhookHeaders.default({}),
    metadata: WebhookMetadata.default({}),
    rateLimitPerSecond: WebhookRateLimit.default(null),
    /** Also sign each message with an ed25519 key of the endpoint's (Standard Webhooks `v1a`), verifiable with its public key. */
    asymmetricSigning: z.boolean().default(false),
  })
  .meta({ id: "WebhookEndpointIn" });
export type WebhookEndpointIn = z.infer<typeof WebhookEndpointIn>;

/** What an update may change; the fields it leaves out stay as they are. */
export const WebhookEndpointPatch = z
  .strictObject({
    url: WebhookUrl.optional(),
    eventTypes: WebhookEventTypes.optional(),
    description: z.string().max(500).optional(),
    headers: WebhookHeaders.optional(),
    metadata: WebhookMetadata.optional(),
    rateLimitPerSecond: WebhookRateLimit.optional(),
    asymmetricSigning: z.boolean().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, "name at least one field to change")
  .meta({ id: "WebhookEndpointPatch" });
export type WebhookEndpointPatch = z.infer<typeof WebhookEndpointPatch>;

export const webhookEndpointStatuses = ["enabled", "disabled"] as const;

export const WebhookEndpointOut = z
  .object({
    id: WebhookEndpointId,
    orgId: OrgId,
    url: z.string(),
    eventTypes: z.array(z.string()),
    description: z.string(),
    /** `disabled`: sent nothing until enabled again. */
    status: z.enum(webhookEndpointStatuses),
    headers: z.record(z.string(), z.string()),
    metadata: z.record(z.string(), z.string()),
    rateLimitPerSecond: WebhookRateLimit,
    /** The signing secret (`whsec_…`): returned once, when the endpoint is created or its secret rotated. */
    secret: z.string().optional(),
    /** Until when the secret before the last rotation still signs too (each message carries both signatures); null when none does. */
    previousSecretExpiresAt: Timestamp.nullable(),
    /** With asymmetric signing: the ed25519 public key (`whpk_…`) that verifies the `v1a` signatures; null without. */
    publicKey: z.string().nullable(),
    /** The public key before the last rotation, which still signs until `previousSecretExpiresAt`. */
    previousPublicKey: z.string().nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: "WebhookEndpoint" });
export type WebhookEndpointOut = z.infer<typeof WebhookEndpointOut>;

const ByOrg = z.strictObject({ orgId: OrgId });
const ByMember = z.strictObject({ orgId: OrgId, userId: UserId });
const ByApiKey = z.strictObject({ orgId: OrgId, keyId: ApiKeyId });

export const MemberUpdateIn = z.strictObject({ role: OrgRole }).meta({ id: "MemberUpdateIn" });
export type MemberUpdateIn = z.infer<typeof MemberUpdateIn>;

export const organizationRoutes = {
  createOrganization: defineRoute({
    operationId: "createOrganization",
    method: "POST",
    path: "/v1/organizations",
    summary: "Create an organization; the caller becomes its owner",
    tag: "Organizations",
    auth: { kind: "user" },
    body: OrganizationIn,
    response: { status: 201, schema: OrganizationOut },
  }),
  listOrganizations: defineRoute({
    operationId: "listOrganizations",
    method: "GET",
    path: "/v1/organizations",
    summary: "List the organizations the caller is a member of",
    tag: "Organizations",
    auth: { kind: "user" },
    response: { status: 200, schema: z.object({ data: z.array(OrganizationOut), nextCursor: z.null() }) },
  }),
  getOrganization: defineRoute({
    operationId: "getOrganization",
    method: "GET",
    path: "/v1/organizations/{orgId}",
    summary: "Get an organization the caller is a member of",
    tag: "Organizations",
    auth: { kind: "user" },
    params: ByOrg,
    response: { status: 200, schema: OrganizationOut },
  }),
  addMember: defineRoute({
    operationId: "addMember",
    audit: "member.added",
    method: "POST",
    path: "/v1/organizations/{orgId}/members",
    summary: "Add a member or change a member's role (owners and admins)",
    tag: "Organizations",
    auth: { kind: "user", sensitive: true },
    params: ByOrg,
    body: MemberIn,
    response: { status: 200, schema: OrganizationOut },
  }),
  updateMember: defineRoute({
    operationId: "updateMember",
    audit: "member.role_changed",
    method: "PATCH",
    path: "/v1/organizations/{orgId}/members/{userId}",
    summary: "Change a member's role (owners and admins; only an owner grants or changes the owner role, and the last owner cannot be demoted: 409 invalid_state)",
    tag: "Organizations",
    auth: { kind: "user", sensitive: true },
    params: ByMember,
    body: MemberUpdateIn,
    response: { status: 200, schema: OrganizationOut },
  }),
  removeMember: defineRoute({
    operationId: "removeMember",
    audit: "member.removed",
    method: "DELETE",
    path: "/v1/organizations/{orgId}/members/{userId}",
    summary: "Remove a member (owners and admins), or leave the organization yourself; the last owner cannot be removed (409 invalid_state)",
    tag: "Organizations",
    auth: { kind: "user", sensitive: true },
    params: ByMember,
    response: { status: 200, schema: OrganizationOut },
  }),
  createApiKey: defineRoute({
    operationId: "createApiKey",
    audit: "api_key.created",
    method: "POST",
    path: "/v1/organizations/{orgId}/api-keys",
    summary: "Create an API key; the key is shown in this response only",
    tag: "Organizations",
    auth: { kind: "user", sensitive: true },
    params: ByOrg,
    body: ApiKeyIn,
    shownOnce: ["key"],
    response: { status: 201, schema: ApiKeyOut },
  }),
  revokeApiKey: defineRoute({
    operationId: "revokeApiKey",
    audit: "api_key.revoked",
    method: "DELETE",
    path: "/v1/organizations/{orgId}/api-keys/{keyId}",
    summary: "Revoke an API key at once, and the key a rotation replaced with it; revoking again is harmless",
    tag: "Organizations",
    auth: { kind: "user", sensitive: true },
    params: ByApiKey,
    response: { status: 200, schema: ApiKeyOut },
  }),
  rotateApiKey: defineRoute({
    operationId: "rotateApiKey",
    audit: "api_key.rotated",
    method: "POST",
    path: "/v1/organizations/{orgId}/api-keys/{keyId}/rotate",
    summary: "Replace an API key's secret; the new key is shown in this response only, and the old one keeps working for the overlap",
    tag: "Organizations",
    auth: { kind: "user", sensitive: true },
    params: ByApiKey,
    body: ApiKeyRotationIn,
    shownOnce: ["key"],
    response: { status: 201, schema: ApiKeyOut },
  }),
  listApiKeys: defineRoute({
    operationId: "listApiKeys",
    method: "GET",
    path: "/v1/organizations/{orgId}/api-keys",
    summary: "List the organization's API keys, oldest first; never the keys themselves",
    tag: "Organizations",
    auth: { kind: "user" },
    params: ByOrg,
    response: { status: 200, schema: z.object({ data: z.array(ApiKeyOut), nextCursor: z.null() }) },
  }),
  listWebhookEndpoints: defineRoute({
    operationId: "listWebhookEndpoints",
    method: "GET",
    path: "/v1/organizations/{orgId}/webhook-endpoints",
    summary: "List the organization's webhook endpoints, oldest first; never their secrets",
    tag: "Organizations",
    auth: { kind: "user_or_api_key", scope: "webhooks:write" },
    params: ByOrg,
    response: { status: 200, schema: z.object({ data: z.array(WebhookEndpointOut), nextCursor: z.null() }) },
  }),
  createWebhookEndpoint: defineRoute({
    operationId: "createWebhookEndpoint",
    audit: "webhook_endpoint.created",
    method: "POST",
    path: "/v1/organizations/{orgId}/webhook-endpoints",
    summary: "Subscribe a URL to event types; the signing secret is shown in this response only",
    tag: "Organizations",
    auth: { kind: "user_or_api_key", scope: "webhooks:write", sensitive: true },
    params: ByOrg,
    body: WebhookEndpointIn,
    shownOnce: ["secret"],
    response: { status: 201, schema: WebhookEndpointOut },
  }),
} as const;
