import type { Organization } from "../domain/organizations/organization.js";
import type { AggregateStore } from "./aggregate-store.js";

export interface OrganizationRepository extends AggregateStore<Organization> {
  /** The organizations a user belongs to, oldest first; a user belongs to few. */
  listByMember(userId: string): Promise<Organization[]>;
}
