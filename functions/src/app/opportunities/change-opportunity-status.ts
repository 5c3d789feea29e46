import type { OpportunityOut } from "../../contracts/opportunities.js";
import type { Principal } from "../../domain/identity/principal.js";
import type { OpportunityTransition } from "../../domain/opportunities/lifecycle.js";
import { transitioned } from "../../domain/opportunities/opportunity.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { OpportunityRepository } from "../../ports/opportunity-repository.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import { dispatchEvents, type DispatchDeps } from "../events/relay-outbox.js";
import { updateAggregate } from "../shared/update-aggregate.js";
import { authorizeOpportunityWrite, opportunityNotFound } from "./authorize-opportunity-write.js";
import { lifecycleEvent } from "./lifecycle-event.js";
import { presentOpportunity } from "./present.js";
import { scheduleExpiryCheck } from "./schedule-expiry-check.js";

export type ChangeOpportunityStatusDeps = DispatchDeps & {
  organizations: OrganizationRepository;
  opportunities: OpportunityRepository;
  ids: Ids;
  clock: Clock;
};

/**
 * One move of an opportunity's life by a member with opportunities:write (or a key with that
 * scope): publish, pause, resume, complete, archive, or delete a draft. The domain's table decides
 * whether the move is legal on the opportunity as it is when saved; an illegal one answers
 * `invalid_state` and changes nothing. The move and its event land in one write; publishing
 * first schedules the check that completes the opportunity when it expires.
 */
export async function changeOpportunityStatus(
  deps: ChangeOpportunityStatusDeps,
  principal: Principal,
  opportunityId: string,
  transition: OpportunityTransition,
): Promise<OpportunityOut> {
  await authorizeOpportunityWrite(deps, principal, opportunityId);
  const now = deps.clock.now();
  const saved = await updateAggregate(deps.opportunities, opportunityId, async (current) => {
    if (current.status === "deleted") throw opportunityNotFound();
    const next = transitioned(current, transition, now);
    if (transition === "publish") await scheduleExpiryCheck(deps, next);
    const event = lifecycleEvent(next, transition, deps.ids.next("evt"), now);
    return { next, events: event ? [event] : [] };
  });
  if (!saved) throw opportunityNotFound();
  if (transition !== "delete") await dispatchEvents(deps, { aggregate: "opportunity", id: opportunityId });
  return presentOpportunity(saved);
}

/** Whether a route's stored answer may be replayed: the caller must still hold opportunities:write on it. */
export const authorizeStatusChange = (deps: Pick<ChangeOpportunityStatusDeps, "organizations" | "opportunities">, principal: Principal, opportunityId: string) =>
  authorizeOpportunityWrite(deps, principal, opportunityId).then(() => undefined);
