import type { Db } from "mongodb";
import type { UserRepository } from "../../ports/repositories.js";
import { userFromDocument, usersCollection } from "./documents/user-document.js";
import { classified, isDuplicateKeyError } from "./errors.js";

/** Participants by identity, in `users`; `identityKey` is unique. */
export function mongoUserRepository(db: Db): UserRepository {
  const users = usersCollection(db);
  return {
    findOrCreateByIdentity: (identityKey, candidate) =>
      classified(async () => {
        const upsert = () =>
          users.findOneAndUpdate(
            { identityKey },
            { $setOnInsert: { _id: candidate.id, createdAt: candidate.createdAt } },
            { upsert: true, returnDocument: "after" },
          );
        // Every authenticated request resolves its user, and nearly every user exists already:
        // a plain read first keeps the common path free of writes.
        const existing = await users.findOne({ identityKey });
        if (existing) return userFromDocument(existing);
        // Two first requests of a new user can both miss and both insert: the unique index turns
        // the second insert into a duplicate-key error, and by then the user exists to be found.
        const document = await upsert().catch((error: unknown) => {
          if (isDuplicateKeyError(error)) return upsert();
          throw error;
        });
        if (!document) throw new Error(`an upsert of user ${identityKey} returned no document`);
        return userFromDocument(document);
      }),
  };
}
