import type { Db } from "mongodb";
import { z } from "zod";
import type { OidcSubjectRepository } from "../../ports/oidc-subject-repository.js";
import { classified } from "./errors.js";
import { insertIfAbsent } from "./insert-if-absent.js";

const StoredSubject = z.object({ _id: z.string(), userId: z.string(), linkedAt: z.date() });
type StoredSubject = z.infer<typeof StoredSubject>;

/** `oidc_subjects`, keyed by issuer and subject: the unique `_id` settles racing first sign-ins. */
export function mongoOidcSubjectRepository(db: Db): OidcSubjectRepository {
  const collection = db.collection<StoredSubject>("oidc_subjects");
  const keyOf = (issuer: string, subject: string) => JSON.stringify([issuer, subject]);
  const find = async (issuer: string, subject: string) => {
    const found = await collection.findOne({ _id: keyOf(issuer, subject) });
    if (!found) return null;
    const { userId, linkedAt } = StoredSubject.parse(found);
    return { userId, linkedAt };
  };
  return {
    find: (issuer, subject) => classified(() => find(issuer, subject)),
    link: (issuer, subject, userId, at) =>
      classified(async () => {
        if (await insertIfAbsent(collection, { _id: keyOf(issuer, subject), userId, linkedAt: at })) return { userId, linkedAt: at };
        const held = await find(issuer, subject);
        if (!held) throw new Error("an OIDC subject mapping vanished after a duplicate key");
        return held;
      }),
  };
}
