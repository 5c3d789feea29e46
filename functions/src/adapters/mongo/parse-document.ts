import { z } from "zod";
import { AppError } from "../../domain/app-error.js";

/**
 * Parses a document read from `collection`; a document that does not match is corrupt, never
 * trusted. `id` names it in the error, when the caller has already taken it out of the document.
 */
export function parseDocument<Schema extends z.ZodType>(schema: Schema, collection: string, document: unknown, id: string = idOf(document)): z.output<Schema> {
  const result = schema.safeParse(document);
  if (result.success) return result.data;
  throw new AppError(
    "internal",
    `corrupt document ${id} in ${collection}: ${z.prettifyError(result.error)}`,
    { collection, id },
    { cause: result.error },
  );
}

const idOf = (document: unknown): string =>
  typeof document === "object" && document !== null && "_id" in document ? String(document._id) : "without _id";
