import type { MemberIn, OrganizationOut } from "../../contracts/organizations.js";
import { AppError } from "../../domain/app-error.js";
import { requireUser, type Principal } from "../../domain/identity/principal.js";
import type { OrganizationRepository } from "../../ports/repositories.js";
import { loadOrganizationFor } from "./load-organization.js";
import { presentOrganization } from "./present.js";

/** Owners and admins add members; only an owner may make another owner. */
export async function addMember(deps: { organizations: OrganizationRepository }, principal: Principal, orgId: string, input: MemberIn): Promise<OrganizationOut> {
  requireUser(principal);
  const org = await loadOrganizationFor(deps.organizations, orgId, principal, { roles: ["owner", "admin"] });
  const callerRole = org.members.find((m) => principal.kind === "user" && m.userId === principal.userId)?.role;
  const target = org.members.find((m) => m.userId === input.userId);
  if ((input.role === "owner" || target?.role === "owner") && callerRole !== "owner") {
    throw new AppError("forbidden", "only an owner may grant or change the owner role");
  }
  const updated = await deps.organizations.upsertMember(orgId, input.userId, input.role);
  if (!updated) throw new AppError("not_found", "organization not found");
  return presentOrganization(updated);
}
