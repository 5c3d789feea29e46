import { createOpportunity } from "../../app/opportunities/create-opportunity.js";
import { authorizePublish, publishOpportunity } from "../../app/opportunities/publish-opportunity.js";
import { listOpportunityClaims } from "../../app/opportunities/read-opportunity-claims.js";
import { getOpportunity, listOpportunities } from "../../app/opportunities/read-opportunities.js";
import { requirePermission } from "../../app/organizations/load-organization.js";
import { opportunityRoutes as routes } from "../../contracts/opportunities.js";
import { getDeps } from "../../deps.js";
import { bind } from "../../http/route-handler.js";
import { apiRouter } from "./api-router.js";

export const handle = apiRouter([
  bind(routes.createOpportunity, ({ principal, body }) => createOpportunity(getDeps(), principal, body), {
    authorize: ({ principal, body }) => requirePermission(getDeps(), principal, body.orgId, "opportunities:write"),
  }),
  bind(routes.publishOpportunity, ({ principal, params }) => publishOpportunity(getDeps(), principal, params.opportunityId), {
    authorize: ({ principal, params }) => authorizePublish(getDeps(), principal, params.opportunityId),
  }),
  bind(routes.getOpportunity, ({ principal, params }) => getOpportunity(getDeps(), principal, params.opportunityId)),
  bind(routes.listOpportunities, ({ principal, query }) => listOpportunities(getDeps(), principal, query)),
  bind(routes.listOpportunityClaims, ({ principal, params, query }) => listOpportunityClaims(getDeps(), principal, params.opportunityId, query)),
]);
