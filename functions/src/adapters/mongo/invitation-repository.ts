import type { Db } from "mongodb";
import type { InvitationRepository } from "../../ports/invitation-repository.js";
import { findAllWhere, findOneWhere, mongoAggregateStore } from "./aggregate-store.js";
import { aggregateCollections, pendingKey } from "./collections.js";

/** Invitations; the unique `pendingKey` keeps one pending per organization and email. */
export function mongoInvitationRepository(db: Db): InvitationRepository {
  const { invitations } = aggregateCollections(db);
  return {
    ...mongoAggregateStore(invitations),
    findPending: (orgId, email) => findOneWhere(invitations, { pendingKey: pendingKey(orgId, email) }),
    listPendingByOrg: (orgId) => findAllWhere(invitations, { orgId, status: "pending" }),
    listOpenByEmail: (email) => findAllWhere(invitations, { email, $or: [{ status: "pending" }, { status: "accepted", joinedAt: null }] }),
  };
}
