import type { Db } from "mongodb";
import { z } from "zod";

const recordFields = {
  _id: z.string().min(1),
  fingerprint: z.string(),
  /** When the request holding the key started; an in-progress record this old is abandoned. */
  createdAt: z.date(),
};

export const IdempotencyDocument = z.discriminatedUnion("state", [
  z.object({ ...recordFields, state: z.literal("in_progress") }),
  z.object({ ...recordFields, state: z.literal("completed"), response: z.object({ status: z.number().int(), body: z.string() }) }),
]);
export type IdempotencyDocument = z.infer<typeof IdempotencyDocument>;

export const idempotencyKeysCollection = (db: Db) => db.collection<IdempotencyDocument>("idempotency_keys");

/** Keys are remembered for a day; older records are removed by a TTL index where the server has them. */
export const idempotencyRetentionSeconds = 24 * 60 * 60;

export function idempotencyDocumentId(scope: string, key: string): string {
  return `${scope}:${key}`;
}
