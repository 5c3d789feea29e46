import { getSubmission, listSubmissions } from "../../app/submissions/read-submissions.js";
import { approveSubmission, rejectSubmission, reviewSubmissions } from "../../app/submissions/review-submissions.js";
import { submissionRoutes as routes } from "../../contracts/submissions.js";
import { getDeps } from "../../deps.js";
import { bind } from "../../http/route-handler.js";
import { apiRouter } from "./api-router.js";

export const handle = apiRouter([
  bind(routes.listSubmissions, ({ principal, query }) => listSubmissions(getDeps(), principal, query)),
  bind(routes.getSubmission, ({ principal, params }) => getSubmission(getDeps(), principal, params.submissionId)),
  bind(routes.approveSubmission, ({ principal, params, body }) => approveSubmission(getDeps(), principal, params.submissionId, body)),
  bind(routes.rejectSubmission, ({ principal, params, body }) => rejectSubmission(getDeps(), principal, params.submissionId, body)),
  bind(routes.reviewSubmissions, ({ principal, body }) => reviewSubmissions(getDeps(), principal, body)),
]);
