import type { Invitation } from "../../../src/domain/organizations/invitation.js";
import type { IdentityDirectory } from "../../../src/ports/identity-directory.js";
import type { InvitationRepository } from "../../../src/ports/invitation-repository.js";
import { InMemoryAggregateStore } from "./in-memory-repositories.js";

/** As the unique index on `pendingKey` does: one pending invitation per organization and email. */
const pendingKey = (invitation: Invitation) => (invitation.status === "pending" ? `${invitation.orgId}/${invitation.email}` : invitation.id);
const oldestFirst = (a: Invitation, b: Invitation) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);

export class InMemoryInvitationRepository extends InMemoryAggregateStore<Invitation> implements InvitationRepository {
  constructor() {
    super({ uniqueKeys: [pendingKey] });
  }

  async findPending(orgId: string, email: string) {
    return this.table.all().find((invitation) => invitation.status === "pending" && invitation.orgId === orgId && invitation.email === email) ?? null;
  }

  async listPendingByOrg(orgId: string) {
    return this.table.all().filter((invitation) => invitation.status === "pending" && invitation.orgId === orgId).sort(oldestFirst);
  }

  async listOpenByEmail(email: string) {
    const open = (invitation: Invitation) => invitation.status === "pending" || (invitation.status === "accepted" && invitation.joinedAt === null);
    return this.table.all().filter((invitation) => invitation.email === email && open(invitation)).sort(oldestFirst);
  }
}

/** The accounts of the identity provider that have verified an address: `verify(email, identityKey)`. */
export class FakeIdentityDirectory implements IdentityDirectory {
  private readonly owners = new Map<string, string>();

  verify(email: string, identityKey: string): void {
    this.owners.set(email, identityKey);
  }

  async verifiedOwnerOf(email: string) {
    return this.owners.get(email);
  }
}
