import { addMember } from "../../app/organizations/add-member.js";
import { createApiKey } from "../../app/organizations/create-api-key.js";
import { createOrganization } from "../../app/organizations/create-organization.js";
import { createWebhookEndpoint } from "../../app/organizations/create-webhook-endpoint.js";
import { requirePermission } from "../../app/organizations/load-organization.js";
import { getOrganization, listOrganizations } from "../../app/organizations/read-organizations.js";
import { organizationRoutes as routes } from "../../contracts/organizations.js";
import { getDeps } from "../../deps.js";
import { bind } from "../../http/route-handler.js";
import { apiRouter } from "./api-router.js";

export const handle = apiRouter([
  bind(routes.createOrganization, ({ principal, body }) => createOrganization(getDeps(), principal, body)),
  bind(routes.listOrganizations, ({ principal }) => listOrganizations(getDeps(), principal)),
  bind(routes.getOrganization, ({ principal, params }) => getOrganization(getDeps(), principal, params.orgId)),
  bind(routes.addMember, ({ principal, params, body }) => addMember(getDeps(), principal, params.orgId, body), {
    authorize: ({ principal, params }) => requirePermission(getDeps(), principal, params.orgId, "members:write"),
  }),
  bind(routes.createApiKey, ({ principal, params, body }) => createApiKey(getDeps(), principal, params.orgId, body), {
    authorize: ({ principal, params }) => requirePermission(getDeps(), principal, params.orgId, "api_keys:write"),
  }),
  bind(routes.createWebhookEndpoint, ({ principal, params, body }) => createWebhookEndpoint(getDeps(), principal, params.orgId, body), {
    authorize: ({ principal, params }) => requirePermission(getDeps(), principal, params.orgId, "webhooks:write"),
  }),
]);
