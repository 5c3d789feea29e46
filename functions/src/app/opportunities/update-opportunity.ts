import type { OpportunityOut, OpportunityPatch } from "../../contracts/opportunities.js";
import type { Principal } from "../../domain/identity/principal.js";
import { patched } from "../../domain/opportunities/opportunity-patch.js";
import type { Clock } from "../../ports/clock.js";
import type { OpportunityRepository } from "../../ports/opportunity-repository.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import type { TaskQueue } from "../../ports/task-queue.js";
import { updateAggregate } from "../shared/update-aggregate.js";
import { authorizeOpportunityWrite, opportunityNotFound } from "./authorize-opportunity-write.js";
import { presentOpportunity } from "./present.js";
import { scheduleExpiryCheck } from "./schedule-expiry-check.js";

export type UpdateOpportunityDeps = { organizations: OrganizationRepository; opportunities: OpportunityRepository; tasks: TaskQueue; clock: Clock };

/**
 * Changes the fields the patch names, as far as the opportunity's status allows (the domain's
 * `patchableFields`), saved against the version read: two racing patches both land, each on the
 * other's result, or the later one is refused on it. A live opportunity whose `expiresAt` moves
 * gets its completion check for the new time scheduled before the change lands.
 */
export async function updateOpportunity(deps: UpdateOpportunityDeps, principal: Principal, opportunityId: string, patch: OpportunityPatch): Promise<OpportunityOut> {
  await authorizeOpportunityWrite(deps, principal, opportunityId);
  const now = deps.clock.now();
  const saved = await updateAggregate(deps.opportunities, opportunityId, async (current) => {
    if (current.status === "deleted") throw opportunityNotFound();
    const next = patched(current, patch, now);
    const live = next.status === "active" || next.status === "paused";
    if (live && next.expiresAt?.getTime() !== current.expiresAt?.getTime()) await scheduleExpiryCheck(deps, next);
    return { next };
  });
  if (!saved) throw opportunityNotFound();
  return presentOpportunity(saved);
}
