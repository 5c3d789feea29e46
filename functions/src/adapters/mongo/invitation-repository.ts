import type { Db } from "mongodb";
import type { InvitationRepository } from "../../ports/invitation-repository.js";
import { findAllWhere, findOneWhere, mongoAggregateStore } from "./aggregate-store.js";
import { aggregateCollections, pendingKey } from "./collections.js";
import { instancePiiCipher } from "./instance-pii-cipher.js";

/** Invitations; the unique `pendingKey` keeps one pending per organization and email;
 * lookups by email go through its blind index. */
export function mongoInvitationRepository(db: Db): InvitationRepository {
  const pii = instancePiiCipher(db);
  const { invitations } = aggregateCollections(db, undefined, pii);
  return {
    ...mongoAggregateStore(invitations),
    findPending: async (orgId, email) => findOneWhere(invitations, { pendingKey: pendingKey(orgId, await pii.emailIndex(email)) }),
    listPendingByOrg: (orgId) => findAllWhere(invitations, { orgId, status: "pending" }),
    listOpenByEmail: async (email) => findAllWhere(invitations, { emailIndex: await pii.emailIndex(email), $or: [{ status: "pending" }, { status: "accepted", joinedAt: null }] }),
  };
}
