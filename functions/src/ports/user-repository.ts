import type { User } from "../domain/identity/user.js";
import type { AggregateStore } from "./aggregate-store.js";

/** Users; `insert` answers `conflict` when the identity key is taken. */
export interface UserRepository extends AggregateStore<User> {
  findByIdentity(identityKey: string): Promise<User | null>;
}
