import type { Db } from "mongodb";
import type { OrganizationRepository } from "../../ports/organization-repository.js";
import { findAllWhere, mongoAggregateStore } from "./aggregate-store.js";
import { aggregateCollections } from "./collections.js";

/** Organizations and their members. */
export function mongoOrganizationRepository(db: Db): OrganizationRepository {
  const { organizations } = aggregateCollections(db);
  return {
    ...mongoAggregateStore(organizations),
    listByMember: (userId) => findAllWhere(organizations, { "members.userId": userId }),
  };
}
