// Values the API's contracts declare, used at build time (DESIGN §2) so the console offers
// exactly what the API accepts. route.ts holds plain constants (it imports zod's types only).
import type { EventType } from "../../../functions/src/contracts/events";
export { apiScopes, orgRoles, type ApiScope, type OrgRole } from "../../../functions/src/contracts/route";

/** The event types a webhook endpoint can subscribe to. */
export const eventTypes = [
  "opportunity.published.v1",
  "opportunity.paused.v1",
  "opportunity.resumed.v1",
  "opportunity.completed.v1",
  "opportunity.archived.v1",
  "claim.created.v1",
  "claim.completed.v1",
  "claim.withdrawn.v1",
  "claim.expired.v1",
  "reward.issued.v1",
] as const satisfies readonly EventType[];

// events.ts builds its schemas with zod at run time, so the list is written here; this fails
// the typecheck when the contracts gain an event the list lacks.
type Unlisted = Exclude<EventType, (typeof eventTypes)[number]>;
const everyEventListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyEventListed;
