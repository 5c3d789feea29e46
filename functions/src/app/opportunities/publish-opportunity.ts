import type { OpportunityOut } from "../../contracts/opportunities.js";
import { AppError } from "../../domain/app-error.js";
import { domainEvent } from "../../domain/events/domain-event.js";
import type { Principal } from "../../domain/identity/principal.js";
import { published } from "../../domain/opportunities/opportunity.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { OpportunityRepository } from "../../ports/opportunity-repository.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import { dispatchEvents, type DispatchDeps } from "../events/relay-outbox.js";
import { loadOrganizationFor } from "../organizations/load-organization.js";
import { updateAggregate } from "../shared/update-aggregate.js";
import { presentOpportunity } from "./present.js";

export type PublishOpportunityDeps = DispatchDeps & {
  organizations: OrganizationRepository;
  opportunities: OpportunityRepository;
  ids: Ids;
  clock: Clock;
};

/** Whether the principal may publish the opportunity: opportunities:write in its organization. */
export async function authorizePublish(deps: Pick<PublishOpportunityDeps, "organizations" | "opportunities">, principal: Principal, opportunityId: string): Promise<void> {
  const opportunity = await deps.opportunities.findById(opportunityId);
  if (!opportunity) throw notFound();
  await loadOrganizationFor(deps.organizations, opportunity.orgId, principal, "opportunities:write");
}

/** Opens a draft for claims and announces it with `opportunity.published.v1`. */
export async function publishOpportunity(deps: PublishOpportunityDeps, principal: Principal, opportunityId: string): Promise<OpportunityOut> {
  const opportunity = await deps.opportunities.findById(opportunityId);
  if (!opportunity) throw notFound();
  await loadOrganizationFor(deps.organizations, opportunity.orgId, principal, "opportunities:write");
  const now = deps.clock.now();
  const saved = await updateAggregate(deps.opportunities, opportunityId, (current) => ({
    next: published(current, now),
    events: [domainEvent("opportunity.published.v1", current.orgId, { opportunityId }, deps.ids.next("evt"), now)],
  }));
  if (!saved) throw notFound();
  await dispatchEvents(deps, { aggregate: "opportunity", id: opportunityId });
  return presentOpportunity(saved);
}

const notFound = () => new AppError("not_found", "opportunity not found");
