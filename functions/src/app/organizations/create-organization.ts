import type { OrganizationIn, OrganizationOut } from "../../contracts/organizations.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { OrganizationRepository } from "../../ports/repositories.js";
import { presentOrganization } from "./present.js";

/** Creates an organization whose first member, its owner, is the caller. */
export async function createOrganization(
  deps: { organizations: OrganizationRepository; ids: Ids; clock: Clock },
  principal: Principal,
  input: OrganizationIn,
): Promise<OrganizationOut> {
  const userId = requireUser(principal);
  const org = { id: deps.ids.next("org"), name: input.name, members: [{ userId, role: "owner" as const }], createdAt: deps.clock.now() };
  await deps.organizations.insert(org);
  return presentOrganization(org);
}
