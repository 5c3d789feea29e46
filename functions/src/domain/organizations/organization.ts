import { z } from "zod";
import { OrganizationOut } from "../../contracts/organizations.js";
import { firstVersion, Version } from "../aggregate.js";
import { AppError } from "../app-error.js";

/** A brand, research team or community that publishes opportunities; its members hold roles. */
export const Organization = OrganizationOut.extend({
  createdAt: z.date(),
  /** Days its webhook message payloads are kept (domain/webhooks/retention.ts); absent: the default, 90. */
  webhookRetentionDays: z.number().int().min(1).max(365).optional(),
  version: Version,
});
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
  if (current === "owner" && role !== "owner") assertNotLastOwner(org, userId, "demoted");
  const members = current === undefined ? [...org.members, { userId, role }] : org.members.map((m) => (m.userId === userId ? { userId, role } : m));
  return { ...org, members };
}

/**
 * The organization without `userId`. Only an owner may remove an owner, and the last owner stays:
 * an organization nobody may manage could never be recovered.
 */
export function withoutMember(org: Organization, actorId: string, userId: string): Organization {
  const current = roleOf(org, userId);
  if (current === undefined) throw new AppError("not_found", "no such member", { userId });
  if (current === "owner") {
    if (roleOf(org, actorId) !== "owner") throw new AppError("forbidden", "only an owner may remove an owner");
    assertNotLastOwner(org, userId, "removed");
  }
  return { ...org, members: org.members.filter((m) => m.userId !== userId) };
}

function assertNotLastOwner(org: Organization, userId: string, change: "demoted" | "removed"): void {
  const otherOwners = org.members.filter((m) => m.role === "owner" && m.userId !== userId);
  if (otherOwners.length === 0) {
    throw new AppError("invalid_state", `the last owner cannot be ${change}; make another member owner first`, { reason: "last_owner", userId });
  }
}
