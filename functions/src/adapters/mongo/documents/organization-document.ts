import type { Db } from "mongodb";
import { z } from "zod";
import { OrgId, UserId } from "../../../contracts/common.js";
import { OrgRole } from "../../../contracts/organizations.js";
import type { Membership, Organization } from "../../../domain/identity/principal.js";
import { parseDocument } from "../parse-document.js";

const MemberDocument = z.object({ userId: UserId, role: OrgRole });

export const OrganizationDocument = z.object({
  _id: OrgId,
  name: z.string(),
  members: z.array(MemberDocument),
  createdAt: z.date(),
});
export type OrganizationDocument = z.infer<typeof OrganizationDocument>;

export const organizationsCollection = (db: Db) => db.collection<OrganizationDocument>("organizations");

/** Members in one fixed field order, so that a stored list compares equal to the list it was read as. */
export function membersToDocument(members: readonly Membership[]): OrganizationDocument["members"] {
  return members.map((member) => ({ userId: member.userId, role: member.role }));
}

export function organizationToDocument(org: Organization): OrganizationDocument {
  return { _id: org.id, name: org.name, members: membersToDocument(org.members), createdAt: org.createdAt };
}

export function organizationFromDocument(document: unknown): Organization {
  const stored = parseDocument(OrganizationDocument, "organizations", document);
  return { id: stored._id, name: stored.name, members: stored.members, createdAt: stored.createdAt };
}
