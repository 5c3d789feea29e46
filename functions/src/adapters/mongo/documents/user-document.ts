import type { Db } from "mongodb";
import { z } from "zod";
import { UserId } from "../../../contracts/common.js";
import type { UserRecord } from "../../../ports/repositories.js";
import { parseDocument } from "../parse-document.js";

export const UserDocument = z.object({ _id: UserId, identityKey: z.string().min(1), createdAt: z.date() });
export type UserDocument = z.infer<typeof UserDocument>;

export const usersCollection = (db: Db) => db.collection<UserDocument>("users");

export function userFromDocument(document: unknown): UserRecord {
  const stored = parseDocument(UserDocument, "users", document);
  return { id: stored._id, identityKey: stored.identityKey, createdAt: stored.createdAt };
}
