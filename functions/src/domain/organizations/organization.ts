import { z } from "zod";
import { OrganizationOut } from "../../contracts/organizations.js";
import { firstVersion, Version } from "../aggregate.js";
import { AppError } from "../app-error.js";

/** A brand, research team or community that publishes opportunities; its members hold roles. */
export const Organization = OrganizationOut.extend({ createdAt: z.date(), version: Version });
export type Organization = z.infer<typeof Organization>;
export type Membership = Organization["members"][number];

/** A new organization whose first member, its owner, is its creator. */
export function foundOrganization(name: string, ownerId: string, id: string, now: Date): Organization {
  return { id, name, members: [{ userId: ownerId, role: "owner" }], createdAt: now, version: firstVersion };
}

export function roleOf(org: Organization, userId: string): Membership["role"] | undefined {
  return org.members.find((m) => m.userId === userId)?.role;
}

/**
 * The organization with `userId` added as `role`, or moved to it. Only an owner may make another
 * owner or change an owner's role, so an admin can never take the organization over.
 */
export function withMember(org: Organization, actorId: string, userId: string, role: Membership["role"]): Organization {
  const current = roleOf(org, userId);
  if ((role === "owner" || current === "owner") && roleOf(org, actorId) !== "owner") {
    throw new AppError("forbidden", "only an owner may grant or change the owner role");
  }
  const members = current === undefined ? [...org.members, { userId, role }] : org.members.map((m) => (m.userId === userId ? { userId, role } : m));
  return { ...org, members };
}
