import type { Invitation } from "../domain/organizations/invitation.js";
import type { AggregateStore } from "./aggregate-store.js";

/** Invitations; at most one pending per organization and email (a second insert is a conflict). */
export interface InvitationRepository extends AggregateStore<Invitation> {
  /** The organization's pending invitation of `email`, expired or not. */
  findPending(orgId: string, email: string): Promise<Invitation | null>;
  /** The organization's pending invitations, oldest first; an organization has few. */
  listPendingByOrg(orgId: string): Promise<Invitation[]>;
  /** The invitations of `email` still open to it: pending, or accepted with the membership not yet made. Oldest first. */
  listOpenByEmail(email: string): Promise<Invitation[]>;
}
