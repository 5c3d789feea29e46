import type { OrganizationIn, OrganizationOut } from "../../contracts/organizations.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import { foundOrganization } from "../../domain/organizations/organization.js";
import type { Clock } from "../../ports/clock.js";
import type { Ids } from "../../ports/ids.js";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import { presentOrganization } from "./present.js";

/** Creates an organization whose first member, its owner, is the caller. */
export async function createOrganization(
  deps: { organizations: OrganizationRepository; ids: Ids; clock: Clock },
  principal: Principal,
  input: OrganizationIn,
): Promise<OrganizationOut> {
  const org = foundOrganization(input.name, requireUser(principal), deps.ids.next("org"), deps.clock.now());
  await deps.organizations.insert(org);
  return presentOrganization(org);
}
