import type { Db } from "mongodb";
import { z } from "zod";
import { oidcAlgorithms } from "../../contracts/oidc-issuers.js";
import type { OidcIssuer } from "../../domain/identity/oidc-issuer.js";
import type { OidcIssuerRepository } from "../../ports/oidc-issuer-repository.js";
import { classified } from "./errors.js";
import { insertIfAbsent } from "./insert-if-absent.js";

const StoredIssuer = z.object({
  _id: z.string(),
  orgId: z.string(),
  issuer: z.string(),
  audience: z.string(),
  algorithms: z.array(z.enum(oidcAlgorithms)),
  mfaAcrValues: z.array(z.string()),
  createdBy: z.string(),
  createdAt: z.date(),
  /** Unique: an organization trusts an issuer once per audience. */
  key: z.string(),
});
type StoredIssuer = z.infer<typeof StoredIssuer>;

export const oidcIssuersCollection = (db: Db) => db.collection<StoredIssuer>("oidc_issuers");

function toIssuer({ _id, key: _key, ...fields }: StoredIssuer): OidcIssuer {
  return { id: _id, ...fields };
}

/** Issuers in `oidc_issuers`, plain documents: they are added and removed, never edited. */
export function mongoOidcIssuerRepository(db: Db): OidcIssuerRepository {
  const collection = oidcIssuersCollection(db);
  const read = async (filter: Partial<StoredIssuer>) => (await collection.find(filter).sort({ createdAt: 1, _id: 1 }).limit(100).toArray()).map((doc) => toIssuer(StoredIssuer.parse(doc)));
  return {
    add: ({ id, ...fields }) =>
      classified(() => insertIfAbsent(collection, { _id: id, ...fields, algorithms: [...fields.algorithms], mfaAcrValues: [...fields.mfaAcrValues], key: JSON.stringify([fields.orgId, fields.issuer, fields.audience]) })),
    listByOrg: (orgId) => classified(() => read({ orgId })),
    findByIssuer: (issuer) => classified(() => read({ issuer })),
    remove: (orgId, id) =>
      classified(async () => {
        const removed = await collection.findOneAndDelete({ _id: id, orgId });
        return removed ? toIssuer(StoredIssuer.parse(removed)) : null;
      }),
  };
}
