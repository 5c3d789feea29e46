import { accountRoutes } from "./account.js";
import { auditRoutes } from "./audit.js";
import { claimRoutes } from "./claims.js";
import { emailPreferenceRoutes } from "./email-preferences.js";
import { healthRoutes } from "./health.js";
import { invitationRoutes } from "./invitations.js";
import { mediaRoutes } from "./media.js";
import { monthlyBudgetRoutes } from "./monthly-budgets.js";
import { meRoutes } from "./me.js";
import { opportunityRoutes } from "./opportunities.js";
import { organizationRoutes } from "./organizations.js";
import { oidcIssuerRoutes } from "./oidc-issuers.js";
import { payoutRoutes } from "./payouts.js";
import { pointsAdjustmentRoutes, rewardRoutes } from "./rewards.js";
import { submissionRoutes } from "./submissions.js";
import { voucherRoutes } from "./vouchers.js";
import { redemptionRoutes } from "./redemptions.js";
import { webhookEndpointRoutes } from "./webhooks.js";
import type { RouteSpec } from "./route.js";

/** Every route of API v1, for the OpenAPI document and the typed clients. */
export const apiRoutes: readonly RouteSpec[] = [
  ...Object.values(accountRoutes),
  ...Object.values(meRoutes),
  ...Object.values(emailPreferenceRoutes),
  ...Object.values(organizationRoutes),
  ...Object.values(monthlyBudgetRoutes),
  ...Object.values(oidcIssuerRoutes),
  ...Object.values(webhookEndpointRoutes),
  ...Object.values(invitationRoutes),
  ...Object.values(opportunityRoutes),
  ...Object.values(claimRoutes),
  ...Object.values(mediaRoutes),
  ...Object.values(submissionRoutes),
  ...Object.values(rewardRoutes),
  ...Object.values(payoutRoutes),
  ...Object.values(voucherRoutes),
  ...Object.values(pointsAdjustmentRoutes),
  ...Object.values(redemptionRoutes),
  ...Object.values(auditRoutes),
  ...Object.values(healthRoutes),
];
