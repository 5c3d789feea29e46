import type { Db } from "mongodb";
import { z } from "zod";
import { ApiKeyId, OrgId } from "../../../contracts/common.js";
import { ApiScope } from "../../../contracts/organizations.js";
import type { ApiKeyRecord } from "../../../ports/repositories.js";
import { parseDocument } from "../parse-document.js";

export const ApiKeyDocument = z.object({
  _id: ApiKeyId,
  orgId: OrgId,
  name: z.string(),
  scopes: z.array(ApiScope),
  hash: z.string().min(1),
  createdAt: z.date(),
  revokedAt: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
});
export type ApiKeyDocument = z.infer<typeof ApiKeyDocument>;

export const apiKeysCollection = (db: Db) => db.collection<ApiKeyDocument>("api_keys");

export function apiKeyToDocument(key: ApiKeyRecord): ApiKeyDocument {
  return {
    _id: key.id,
    orgId: key.orgId,
    name: key.name,
    scopes: key.scopes,
    hash: key.hash,
    createdAt: key.createdAt,
    revokedAt: key.revokedAt,
    lastUsedAt: key.lastUsedAt,
  };
}

export function apiKeyFromDocument(document: unknown): ApiKeyRecord {
  const stored = parseDocument(ApiKeyDocument, "api_keys", document);
  return {
    id: stored._id,
    orgId: stored.orgId,
    name: stored.name,
    scopes: stored.scopes,
    hash: stored.hash,
    createdAt: stored.createdAt,
    revokedAt: stored.revokedAt,
    lastUsedAt: stored.lastUsedAt,
  };
}
