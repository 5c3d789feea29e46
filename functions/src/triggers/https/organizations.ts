import { addMember } from "../../app/organizations/add-member.js";
import { removeMember } from "../../app/organizations/remove-member.js";
import { updateMember } from "../../app/organizations/update-member.js";
import { listAuditLog, verifyAuditLog } from "../../app/audit/read-audit-log.js";
import { createApiKey, revokeApiKey, rotateApiKey } from "../../app/organizations/create-api-key.js";
import { auditRoutes } from "../../contracts/audit.js";
import { createOrganization } from "../../app/organizations/create-organization.js";
import { createWebhookEndpoint } from "../../app/organizations/create-webhook-endpoint.js";
import { requirePermission } from "../../app/organizations/load-organization.js";
import { getAccount } from "../../app/identity/read-account.js";
import { getMonthlyBudgets, setMonthlyBudgets } from "../../app/organizations/monthly-budgets.js";
import { monthlyBudgetRoutes } from "../../contracts/monthly-budgets.js";
import { linkOidcIdentity } from "../../app/identity/link-oidc-identity.js";
import { addOidcIssuer, listOidcIssuers, removeOidcIssuer } from "../../app/identity/oidc-issuers.js";
import { oidcIssuerRoutes } from "../../contracts/oidc-issuers.js";
import { getMe, updateMe } from "../../app/identity/profile.js";
import { cancelErasure, requestErasure } from "../../app/identity/erasure.js";
import { getEmailPreferences, getUnsubscribeLink, unsubscribe, updateEmailPreferences } from "../../app/notifications/email-preferences.js";
import { emailPreferenceRoutes } from "../../contracts/email-preferences.js";
import { getOrganization, listApiKeys, listOrganizations, listWebhookEndpoints } from "../../app/organizations/read-organizations.js";
import { acceptInvitation, requireJoined } from "../../app/invitations/accept-invitation.js";
import { createInvitation } from "../../app/invitations/create-invitation.js";
import { listInvitations } from "../../app/invitations/list-invitations.js";
import { listReceivedInvitations } from "../../app/invitations/list-received-invitations.js";
import { revokeInvitation } from "../../app/invitations/revoke-invitation.js";
import { adjustPoints } from "../../app/points/adjust-points.js";
import { pointsAdjustmentRoutes } from "../../contracts/rewards.js";
import { accountRoutes } from "../../contracts/account.js";
import { invitationRoutes } from "../../contracts/invitations.js";
import { meRoutes } from "../../contracts/me.js";
import { payoutRoutes } from "../../contracts/payouts.js";
import { listOrganizationPayouts } from "../../app/payouts/read-payouts.js";
import { organizationRoutes as routes } from "../../contracts/organizations.js";
import { webhookEndpointRoutes } from "../../contracts/webhooks.js";
import { deleteWebhookEndpoint } from "../../app/webhooks/endpoints/delete-webhook-endpoint.js";
import { getWebhookMessage, listWebhookMessages, recoverWebhookEndpoint, resendWebhookMessage } from "../../app/webhooks/replay-webhook-messages.js";
import { listWebhookEndpointAttempts, listWebhookMessageAttempts } from "../../app/webhooks/list-webhook-attempts.js";
import { replayMissingWebhookMessages } from "../../app/webhooks/replay-missing-messages.js";
import { listWebhookEventTypes } from "../../app/webhooks/list-webhook-event-types.js";
import { sendTestWebhook } from "../../app/webhooks/send-test-webhook.js";
import { getWebhookSettings, updateWebhookSettings } from "../../app/webhooks/webhook-settings.js";
import { getWebhookEndpoint } from "../../app/webhooks/endpoints/get-webhook-endpoint.js";
import { rotateWebhookEndpointSecret } from "../../app/webhooks/endpoints/rotate-webhook-endpoint-secret.js";
import { setWebhookEndpointStatus } from "../../app/webhooks/endpoints/set-webhook-endpoint-status.js";
import { updateWebhookEndpoint } from "../../app/webhooks/endpoints/update-webhook-endpoint.js";
import { getDeps } from "../../deps.js";
import { bind } from "../../http/route-handler.js";
import { apiRouter } from "./api-router.js";

// The caller's own account is served here too: it is what a member is added to an organization by,
// and where the invitations addressed to the caller wait. So is their participant profile, which is the same user's.
export const handle = apiRouter([
  bind(accountRoutes.getAccount, ({ principal }) => getAccount(getDeps(), principal)),
  bind(meRoutes.getMe, ({ principal }) => getMe(getDeps(), principal)),
  bind(meRoutes.updateMe, ({ principal, body }) => updateMe(getDeps(), principal, body)),
  bind(meRoutes.requestErasure, ({ principal }) => requestErasure(getDeps(), principal)),
  bind(meRoutes.cancelErasure, ({ principal }) => cancelErasure(getDeps(), principal)),
  bind(emailPreferenceRoutes.getEmailPreferences, ({ principal }) => getEmailPreferences(getDeps(), principal)),
  bind(emailPreferenceRoutes.updateEmailPreferences, ({ principal, body }) => updateEmailPreferences(getDeps(), principal, body)),
  bind(emailPreferenceRoutes.getUnsubscribeLink, ({ params }) => getUnsubscribeLink(getDeps(), params.token)),
  bind(emailPreferenceRoutes.unsubscribe, ({ params }) => unsubscribe(getDeps(), params.token)),
  bind(routes.createOrganization, ({ principal, body }) => createOrganization(getDeps(), principal, body)),
  bind(routes.listOrganizations, ({ principal }) => listOrganizations(getDeps(), principal)),
  bind(routes.getOrganization, ({ principal, params }) => getOrganization(getDeps(), principal, params.orgId)),
  bind(routes.addMember, ({ principal, params, body }) => addMember(getDeps(), principal, params.orgId, body), {
    authorize: ({ principal, params }) => requirePermission(getDeps(), principal, params.orgId, "members:write"),
  }),
  bind(monthlyBudgetRoutes.getMonthlyBudgets, ({ principal, params, query }) => getMonthlyBudgets(getDeps(), principal, params.orgId, query.month)),
  bind(monthlyBudgetRoutes.setMonthlyBudgets, ({ principal, params, body }) => setMonthlyBudgets(getDeps(), principal, params.orgId, body), {
    authorize: ({ principal, params }) => requirePermission(getDeps(), principal, params.orgId, "rewards:write"),
  }),
  bind(routes.updateMember, ({ principal, params, body }) => updateMember(getDeps(), principal, params.orgId, params.userId, body)),
  bind(routes.removeMember, ({ principal, params }) => removeMember(getDeps(), principal, params.orgId, params.userId)),
  bind(invitationRoutes.createInvitation, ({ principal, params, body }) => createInvitation(getDeps(), principal, params.orgId, body), {
    authorize: ({ principal, params }) => requirePermission(getDeps(), principal, params.orgId, "members:write"),
  }),
  bind(invitationRoutes.listInvitations, ({ principal, params }) => listInvitations(getDeps(), principal, params.orgId)),
  bind(invitationRoutes.revokeInvitation, ({ principal, params }) => revokeInvitation(getDeps(), principal, params.orgId, params.invitationId)),
  bind(invitationRoutes.listReceivedInvitations, ({ principal }) => listReceivedInvitations(getDeps(), principal)),
  bind(invitationRoutes.acceptInvitation, ({ principal, params }) => acceptInvitation(getDeps(), principal, params.invitationId), {
    authorize: ({ principal, params }) => requireJoined(getDeps(), principal, params.invitationId),
  }),
  bind(routes.createApiKey, ({ principal, params, body }) => createApiKey(getDeps(), principal, params.orgId, body), {
    authorize: ({ principal, params }) => requirePermission(getDeps(), principal, params.orgId, "api_keys:write"),
  }),
  bind(routes.listApiKeys, ({ principal, params }) => listApiKeys(getDeps(), principal, params.orgId)),
  bind(oidcIssuerRoutes.addOidcIssuer, ({ principal, params, body }) => addOidcIssuer(getDeps(), principal, params.orgId, body)),
  bind(oidcIssuerRoutes.listOidcIssuers, ({ principal, params }) => listOidcIssuers(getDeps(), principal, params.orgId)),
  bind(oidcIssuerRoutes.removeOidcIssuer, ({ principal, params }) => removeOidcIssuer(getDeps(), principal, params.orgId, params.issuerId)),
  bind(oidcIssuerRoutes.linkOidcIdentity, ({ principal, body }) => linkOidcIdentity(getDeps(), principal, body)),
  bind(auditRoutes.listAuditLog, ({ principal, params, query }) => listAuditLog(getDeps(), principal, params.orgId, query)),
  bind(auditRoutes.verifyAuditLog, ({ principal, params }) => verifyAuditLog(getDeps(), principal, params.orgId)),
  bind(routes.revokeApiKey, ({ principal, params }) => revokeApiKey(getDeps(), principal, params.orgId, params.keyId)),
  bind(routes.rotateApiKey, ({ principal, params, body }) => rotateApiKey(getDeps(), principal, params.orgId, params.keyId, body), {
    authorize: ({ principal, params }) => requirePermission(getDeps(), principal, params.orgId, "api_keys:write"),
  }),
  bind(payoutRoutes.listOrganizationPayouts, ({ principal, params, query }) => listOrganizationPayouts(getDeps(), principal, params.orgId, query)),
  bind(routes.listWebhookEndpoints, ({ principal, params }) => listWebhookEndpoints(getDeps(), principal, params.orgId)),
  bind(routes.createWebhookEndpoint, ({ principal, params, body }) => createWebhookEndpoint(getDeps(), principal, params.orgId, body), {
    authorize: ({ principal, params }) => requirePermission(getDeps(), principal, params.orgId, "webhooks:write"),
  }),
  bind(pointsAdjustmentRoutes.adjustPoints, ({ principal, params, body, idempotencyKey }) => adjustPoints(getDeps(), principal, params.orgId, body, idempotencyKey), {
    authorize: ({ principal, params }) => requirePermission(getDeps(), principal, params.orgId, "points:adjust"),
  }),
  bind(webhookEndpointRoutes.getWebhookEndpoint, ({ principal, params }) => getWebhookEndpoint(getDeps(), principal, params.orgId, params.endpointId)),
  bind(webhookEndpointRoutes.updateWebhookEndpoint, ({ principal, params, body }) => updateWebhookEndpoint(getDeps(), principal, params.orgId, params.endpointId, body)),
  bind(webhookEndpointRoutes.deleteWebhookEndpoint, ({ principal, params }) => deleteWebhookEndpoint(getDeps(), principal, params.orgId, params.endpointId)),
  bind(webhookEndpointRoutes.disableWebhookEndpoint, ({ principal, params }) => setWebhookEndpointStatus(getDeps(), principal, params.orgId, params.endpointId, "disabled"), {
    authorize: ({ principal, params }) => requirePermission(getDeps(), principal, params.orgId, "webhooks:write"),
  }),
  bind(webhookEndpointRoutes.enableWebhookEndpoint, ({ principal, params }) => setWebhookEndpointStatus(getDeps(), principal, params.orgId, params.endpointId, "enabled"), {
    authorize: ({ principal, params }) => requirePermission(getDeps(), principal, params.orgId, "webhooks:write"),
  }),
  bind(webhookEndpointRoutes.rotateWebhookEndpointSecret, ({ principal, params }) => rotateWebhookEndpointSecret(getDeps(), principal, params.orgId, params.endpointId), {
    authorize: ({ principal, params }) => requirePermission(getDeps(), principal, params.orgId, "webhooks:write"),
  }),
  bind(webhookEndpointRoutes.listWebhookEndpointAttempts, ({ principal, params, query }) => listWebhookEndpointAttempts(getDeps(), principal, params.orgId, params.endpointId, query)),
  bind(webhookEndpointRoutes.listWebhookMessageAttempts, ({ principal, params, query }) => listWebhookMessageAttempts(getDeps(), principal, params.orgId, params.messageId, query)),
  bind(webhookEndpointRoutes.listWebhookMessages, ({ principal, params, query }) => listWebhookMessages(getDeps(), principal, params.orgId, query)),
  bind(webhookEndpointRoutes.getWebhookMessage, ({ principal, params }) => getWebhookMessage(getDeps(), principal, params.orgId, params.messageId)),
  bind(webhookEndpointRoutes.resendWebhookMessage, ({ principal, params }) => resendWebhookMessage(getDeps(), principal, params.orgId, params.messageId), {
    authorize: ({ principal, params }) => requirePermission(getDeps(), principal, params.orgId, "webhooks:write"),
  }),
  bind(webhookEndpointRoutes.recoverWebhookEndpoint, ({ principal, params, body }) => recoverWebhookEndpoint(getDeps(), principal, params.orgId, params.endpointId, body), {
    authorize: ({ principal, params }) => requirePermission(getDeps(), principal, params.orgId, "webhooks:write"),
  }),
  bind(webhookEndpointRoutes.sendTestWebhook, ({ principal, params, body }) => sendTestWebhook(getDeps(), principal, params.orgId, params.endpointId, body), {
    authorize: ({ principal, params }) => requirePermission(getDeps(), principal, params.orgId, "webhooks:write"),
  }),
  bind(webhookEndpointRoutes.getWebhookSettings, ({ principal, params }) => getWebhookSettings(getDeps(), principal, params.orgId)),
  bind(webhookEndpointRoutes.updateWebhookSettings, ({ principal, params, body }) => updateWebhookSettings(getDeps(), principal, params.orgId, body), {
    authorize: ({ principal, params }) => requirePermission(getDeps(), principal, params.orgId, "webhooks:write"),
  }),
  bind(webhookEndpointRoutes.listWebhookEventTypes, async () => listWebhookEventTypes()),
  bind(webhookEndpointRoutes.replayMissingWebhookMessages, ({ principal, params, body }) => replayMissingWebhookMessages(getDeps(), principal, params.orgId, params.endpointId, body), {
    authorize: ({ principal, params }) => requirePermission(getDeps(), principal, params.orgId, "webhooks:write"),
  }),
]);
