import { authorizeStatusChange, changeOpportunityStatus } from "../../app/opportunities/change-opportunity-status.js";
import { createOpportunity } from "../../app/opportunities/create-opportunity.js";
import { getOpportunityBudget } from "../../app/opportunities/read-opportunity-budget.js";
import { listOpportunityClaims } from "../../app/opportunities/read-opportunity-claims.js";
import { getOpportunity, listOpportunities } from "../../app/opportunities/read-opportunities.js";
import { updateOpportunity } from "../../app/opportunities/update-opportunity.js";
import { requirePermission } from "../../app/organizations/load-organization.js";
import { opportunityRoutes as routes } from "../../contracts/opportunities.js";
import type { OpportunityTransition } from "../../domain/opportunities/lifecycle.js";
import { getDeps } from "../../deps.js";
import { bind } from "../../http/route-handler.js";
import { apiRouter } from "./api-router.js";

type MoveRoute = (typeof routes)["publishOpportunity" | "pauseOpportunity" | "resumeOpportunity" | "completeOpportunity" | "archiveOpportunity" | "deleteOpportunity"];

/** A route that makes one move of the lifecycle; a replay of its stored answer needs the permission still. */
const bindMove = (route: MoveRoute, transition: OpportunityTransition) =>
  bind<MoveRoute>(route, ({ principal, params }) => changeOpportunityStatus(getDeps(), principal, params.opportunityId, transition), {
    authorize: ({ principal, params }) => authorizeStatusChange(getDeps(), principal, params.opportunityId),
  });

export const handle = apiRouter([
  bind(routes.createOpportunity, ({ principal, body }) => createOpportunity(getDeps(), principal, body), {
    authorize: ({ principal, body }) => requirePermission(getDeps(), principal, body.orgId, "opportunities:write"),
  }),
  bindMove(routes.publishOpportunity, "publish"),
  bindMove(routes.pauseOpportunity, "pause"),
  bindMove(routes.resumeOpportunity, "resume"),
  bindMove(routes.completeOpportunity, "complete"),
  bindMove(routes.archiveOpportunity, "archive"),
  bindMove(routes.deleteOpportunity, "delete"),
  bind(routes.updateOpportunity, ({ principal, params, body }) => updateOpportunity(getDeps(), principal, params.opportunityId, body)),
  bind(routes.getOpportunity, ({ principal, params }) => getOpportunity(getDeps(), principal, params.opportunityId)),
  bind(routes.listOpportunities, ({ principal, query }) => listOpportunities(getDeps(), principal, query)),
  bind(routes.getOpportunityBudget, ({ principal, params }) => getOpportunityBudget(getDeps(), principal, params.opportunityId)),
  bind(routes.listOpportunityClaims, ({ principal, params, query }) => listOpportunityClaims(getDeps(), principal, params.opportunityId, query)),
]);
