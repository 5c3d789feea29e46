import type { ListOpportunitiesQuery, OpportunityViewOut } from "../../contracts/opportunities.js";
import type { z } from "zod";
import { AppError } from "../../domain/app-error.js";
import type { Profile } from "../../domain/identity/profile.js";
import type { Principal } from "../../domain/identity/principal.js";
import { eligibilityOf } from "../../domain/opportunities/eligibility.js";
import { isPubliclyVisible, type Opportunity } from "../../domain/opportunities/opportunity.js";
import { assertOrgAccess, isOrgInsider } from "../../domain/organizations/access.js";
import type { Clock } from "../../ports/clock.js";
import type { OpportunityFilter, OpportunityRepository } from "../../ports/opportunity-repository.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import type { PageOf, PageRequest } from "../../ports/page.js";
import type { UserRepository } from "../../ports/user-repository.js";
import { decodePageRequest, toPage } from "../shared/cursor.js";
import { profileOf } from "./eligibility.js";
import { presentOpportunity } from "./present.js";

type Deps = { organizations: OrganizationRepository; opportunities: OpportunityRepository; users: UserRepository; clock: Clock };

/**
 * Active, paused and completed opportunities are visible to every signed-in caller; the rest only
 * to their organization; a deleted draft to nobody. A signed-in participant also learns whether
 * they may claim it, and why not.
 */
export async function getOpportunity(deps: Deps, principal: Principal, opportunityId: string): Promise<OpportunityViewOut> {
  const opportunity = await deps.opportunities.findById(opportunityId);
  if (!opportunity || opportunity.status === "deleted") throw new AppError("not_found", "opportunity not found");
  const visible = isPubliclyVisible(opportunity) && principal.kind === "user" ? true : await isInsider(deps, principal, opportunity.orgId);
  if (!visible) throw new AppError("not_found", "opportunity not found");
  const viewer = await participantViewer(deps, principal);
  return viewer ? viewer.present(opportunity) : presentOpportunity(opportunity);
}

/**
 * Without `orgId`: the active marketplace; to a signed-in participant, by default only what they
 * may claim. With it: every opportunity of that organization but deleted drafts, for its members.
 */
export async function listOpportunities(deps: Deps, principal: Principal, query: z.infer<typeof ListOpportunitiesQuery>): Promise<{ data: OpportunityViewOut[]; nextCursor: string | null }> {
  const page = decodePageRequest(query);
  const orgId = query.orgId ?? (principal.kind === "api_key" ? principal.orgId : undefined);
  if (orgId !== undefined && !(await isInsider(deps, principal, orgId))) throw new AppError("not_found", "organization not found");
  const status = orgId === undefined ? "active" : query.status;
  if (orgId === undefined && query.status !== undefined && query.status !== "active") {
    throw new AppError("validation_failed", "only active opportunities are listed without orgId", { errors: [{ location: "query.status", message: "needs orgId" }] });
  }
  const filter: OpportunityFilter = { ...(orgId === undefined ? {} : { orgId }), ...(status === undefined ? {} : { status }), ...(query.rewardType === undefined ? {} : { rewardType: query.rewardType }) };
  const viewer = orgId === undefined ? await participantViewer(deps, principal) : undefined;
  if (!viewer) return toPage(await deps.opportunities.list(filter, page), page.order, presentOpportunity);
  const result = query.eligibility === "all" ? await deps.opportunities.list(filter, page) : await eligiblePage(deps, filter, page, viewer.isEligible);
  return toPage(result, page.order, viewer.present);
}

// A page of eligible opportunities is filled by reading on through the list: its cursor is the
// position of the last item it shows, so nothing eligible is ever skipped. Reading stops after a
// bounded number of batches, so a participant eligible for little cannot make one request read
// every opportunity; the page is then short, and its cursor carries on from where reading stopped.
const batchSize = 100;
const maxBatchesPerPage = 5;

async function eligiblePage(deps: Deps, filter: OpportunityFilter, page: PageRequest, isEligible: (o: Opportunity) => boolean): Promise<PageOf<Opportunity>> {
  const items: Opportunity[] = [];
  let after = page.after;
  for (let batch = 0; batch < maxBatchesPerPage; batch++) {
    const read = await deps.opportunities.list(filter, { order: page.order, limit: batchSize, ...(after ? { after } : {}) });
    for (const [index, opportunity] of read.items.entries()) {
      if (!isEligible(opportunity)) continue;
      items.push(opportunity);
      if (items.length === page.limit) {
        const more = index < read.items.length - 1 || read.next !== undefined;
        return more ? { items, next: { createdAt: opportunity.createdAt, id: opportunity.id } } : { items };
      }
    }
    if (!read.next) return { items };
    after = read.next;
  }
  return after ? { items, next: after } : { items };
}

interface ParticipantViewer {
  isEligible(opportunity: Opportunity): boolean;
  present(opportunity: Opportunity): OpportunityViewOut;
}

/** A signed-in participant reads opportunities with their eligibility; API keys and anonymous browsers without. */
async function participantViewer(deps: Deps, principal: Principal): Promise<ParticipantViewer | undefined> {
  if (principal.kind !== "user" || principal.anonymous) return undefined;
  const profile: Profile = await profileOf(deps, principal.userId);
  const now = deps.clock.now();
  return {
    isEligible: (opportunity) => eligibilityOf(opportunity.targeting, profile, now).eligible,
    present: (opportunity) => ({ ...presentOpportunity(opportunity), eligibility: eligibilityOf(opportunity.targeting, profile, now) }),
  };
}

async function isInsider(deps: Deps, principal: Principal, orgId: string): Promise<boolean> {
  const org = await deps.organizations.findById(orgId);
  if (!org || !isOrgInsider(principal, org)) return false;
  // An insider still needs the permission: a key whose creator has left reads nothing.
  assertOrgAccess(principal, org, "opportunities:read");
  return true;
}
