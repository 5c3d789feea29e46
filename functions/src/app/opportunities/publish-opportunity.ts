import type { OpportunityOut } from "../../contracts/opportunities.js";
import { AppError } from "../../domain/app-error.js";
import { domainEvent } from "../../domain/events/domain-event.js";
import type { Principal } from "../../domain/identity/principal.js";
import { assertTransition } from "../../domain/opportunities/opportunity.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { OpportunityRepository, OrganizationRepository } from "../../ports/repositories.js";
import type { TaskQueue } from "../../ports/task-queue.js";
import { dispatchEvents, type RelayDeps } from "../events/relay-outbox.js";
import { loadOrganizationFor } from "../organizations/load-organization.js";
import { presentOpportunity } from "./present.js";

export type PublishOpportunityDeps = RelayDeps & {
  organizations: OrganizationRepository;
  opportunities: OpportunityRepository;
  tasks: TaskQueue;
  ids: Ids;
  clock: Clock;
};

/** Opens a draft for claims and announces it with `opportunity.published.v1`. */
export async function publishOpportunity(deps: PublishOpportunityDeps, principal: Principal, opportunityId: string): Promise<OpportunityOut> {
  const opportunity = await deps.opportunities.findById(opportunityId);
  if (!opportunity) throw new AppError("not_found", "opportunity not found");
  await loadOrganizationFor(deps.organizations, opportunity.orgId, principal, { roles: ["owner", "admin"], scope: "opportunities:write" });
  assertTransition(opportunity.status, "active");
  const now = deps.clock.now();
  if (opportunity.expiresAt && opportunity.expiresAt <= now) throw new AppError("invalid_state", "this opportunity has already expired");
  const event = domainEvent("opportunity.published.v1", opportunity.orgId, { opportunityId }, deps.ids.next("evt"), now);
  const published = await deps.opportunities.transition(opportunityId, opportunity.status, { status: "active", publishedAt: now, updatedAt: now }, [event]);
  if (!published) throw new AppError("conflict", "the opportunity changed meanwhile; reload it and retry");
  await dispatchEvents(deps, { collection: "opportunities", id: opportunityId });
  return presentOpportunity(published);
}
