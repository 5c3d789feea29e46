import type { Collection, Document, OptionalUnlessRequiredId } from "mongodb";
import { isDuplicateKeyError } from "./errors.js";

/** Inserts the document unless its key is taken; true when this call inserted it. */
export async function insertIfAbsent<D extends Document>(collection: Collection<D>, document: OptionalUnlessRequiredId<D>): Promise<boolean> {
  try {
    await collection.insertOne(document);
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}
