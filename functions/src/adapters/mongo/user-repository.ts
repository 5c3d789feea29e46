import type { Db } from "mongodb";
import type { UserRepository } from "../../ports/user-repository.js";
import { findOneWhere, mongoAggregateStore } from "./aggregate-store.js";
import { aggregateCollections } from "./collections.js";

/** Users by identity; `identityKey` is unique. */
export function mongoUserRepository(db: Db): UserRepository {
  const { users } = aggregateCollections(db);
  return {
    ...mongoAggregateStore(users),
    findByIdentity: (identityKey) => findOneWhere(users, { identityKey }),
  };
}
