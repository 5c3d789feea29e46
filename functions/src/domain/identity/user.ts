import { z } from "zod";
import { UserId } from "../../contracts/common.js";
import { firstVersion, Version } from "../aggregate.js";
import { emailCategories } from "../notifications/categories.js";
import { emptyProfile, Profile } from "./profile.js";

/** A person known to User-X, found by the identity they sign in with. */
export const User = z.object({
  id: UserId,
  /** `firebase:<uid>` or `oidc:<issuer>:<subject>`; unique. */
  identityKey: z.string().min(1),
  createdAt: z.date(),
  // Users stored before profiles existed have none: an empty one.
  profile: Profile.default(emptyProfile),
  /** The categories of email the user asked not to receive; none for users stored before preferences existed. */
  emailOptOuts: z.array(z.enum(emailCategories)).default([]),
  /** The erasure the user asked for, pending until `erasesAt` (domain/identity/erasure.ts); null when none. */
  erasure: z.object({ requestedAt: z.date(), erasesAt: z.date() }).nullable().default(null),
  /** When the user was erased: their personal data is unreadable from then on. */
  erasedAt: z.date().nullable().default(null),
  version: Version,
});
export type User = z.infer<typeof User>;

export function newUser(identityKey: string, id: string, now: Date): User {
  return { id, identityKey, createdAt: now, profile: emptyProfile, emailOptOuts: [], erasure: null, erasedAt: null, version: firstVersion };
}
