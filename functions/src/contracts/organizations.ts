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

export const ApiKeyIn = z
  .strictObject({ name: z.string().trim().min(1).max(100), scopes: z.array(ApiScope).min(1) })
  .meta({ id: "ApiKeyIn" });
export type ApiKeyIn = z.infer<typeof ApiKeyIn>;

export const ApiKeyOut = z
  .object({
    id: ApiKeyId,
    orgId: OrgId,
    name: z.string(),
    scopes: z.array(ApiScope),
    /** The key itself: returned once, on creation, and never stored. */
    key: z.string().optional(),
    createdAt: Timestamp,
  })
  .meta({ id: "ApiKey" });
export type ApiKeyOut = z.infer<typeof ApiKeyOut>;

export const WebhookEndpointIn = z
  .strictObject({
    url: z.url({ protocol: /^https?$/ }).max(2_000),
    eventTypes: z.array(z.string().regex(/^[a-z_]+(\.[a-z_]+)+\.v\d+$/)).min(1).max(50),
    description: z.string().max(500).default(""),
  })
  .meta({ id: "WebhookEndpointIn" });
export type WebhookEndpointIn = z.infer<typeof WebhookEndpointIn>;

export const WebhookEndpointOut = z
  .object({
    id: WebhookEndpointId,
    orgId: OrgId,
    url: z.string(),
    eventTypes: z.array(z.string()),
    description: z.string(),
    /** The signing secret (`whsec_…`): returned once, on creation. */
    secret: z.string().optional(),
    createdAt: Timestamp,
  })
  .meta({ id: "WebhookEndpoint" });
export type WebhookEndpointOut = z.infer<typeof WebhookEndpointOut>;

const ByOrg = z.strictObject({ orgId: OrgId });
const ByMember = z.strictObject({ orgId: OrgId, userId: UserId });

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
