import { claimOpportunity } from "../../app/claims/claim-opportunity.js";
import { listClaimSubmissions } from "../../app/claims/read-claim-submissions.js";
import { getClaim, listClaims } from "../../app/claims/read-claims.js";
import { submitWork } from "../../app/claims/submit-work.js";
import { withdrawClaim } from "../../app/claims/withdraw-claim.js";
import { claimRoutes as routes } from "../../contracts/claims.js";
import { getDeps } from "../../deps.js";
import { bind } from "../../http/route-handler.js";
import { apiRouter } from "./api-router.js";

export const handle = apiRouter([
  bind(routes.createClaim, ({ principal, body, idempotencyKey }) => claimOpportunity(getDeps(), principal, body, { idempotencyKey })),
  bind(routes.listClaims, ({ principal, query }) => listClaims(getDeps(), principal, query)),
  bind(routes.getClaim, ({ principal, params }) => getClaim(getDeps(), principal, params.claimId)),
  bind(routes.withdrawClaim, ({ principal, params }) => withdrawClaim(getDeps(), principal, params.claimId)),
  bind(routes.listClaimSubmissions, ({ principal, params, query }) => listClaimSubmissions(getDeps(), principal, params.claimId, query)),
  bind(routes.createSubmission, ({ principal, params, body, idempotencyKey }) => submitWork(getDeps(), principal, params.claimId, body, { idempotencyKey })),
]);
