import type { z } from "zod";
import type { ListSubmissionsQuery, ReviewedSubmissionOut } from "../../contracts/submissions.js";
import type { Principal } from "../../domain/identity/principal.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import type { SubmissionRepository } from "../../ports/submission-repository.js";
import { loadOrganizationFor } from "../organizations/load-organization.js";
import { decodePageRequest, toPage } from "../shared/cursor.js";
import { presentReviewedSubmission } from "./present.js";
import { loadSubmissionFor, type ReviewDeps } from "./review-submissions.js";

/**
 * An organization's submissions, for members with claims:read and keys with that scope: by
 * default its review queue (needs_review), oldest first; filtered by opportunity, task or
 * participant, this is also a participant's history with the organization.
 */
export async function listSubmissions(
  deps: { organizations: OrganizationRepository; submissions: SubmissionRepository },
  principal: Principal,
  query: z.infer<typeof ListSubmissionsQuery>,
): Promise<{ data: ReviewedSubmissionOut[]; nextCursor: string | null }> {
  await loadOrganizationFor(deps.organizations, query.orgId, principal, "claims:read");
  const page = decodePageRequest(query);
  const { status, opportunityId, taskId, userId } = query;
  const filter = { status, ...(opportunityId && { opportunityId }), ...(taskId && { taskId }), ...(userId && { userId }) };
  return toPage(await deps.submissions.listByOrg(query.orgId, filter, page), page.order, presentReviewedSubmission);
}

export async function getSubmission(deps: ReviewDeps, principal: Principal, submissionId: string): Promise<ReviewedSubmissionOut> {
  return presentReviewedSubmission(await loadSubmissionFor(deps, principal, submissionId, "claims:read"));
}
