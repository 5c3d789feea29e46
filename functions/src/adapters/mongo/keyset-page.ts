import type { Collection, Document, Filter, WithId } from "mongodb";
import type { PageOf, PagePosition, PageRequest } from "../../ports/page.js";

/** A document with a string id and a `createdAt` date, the two fields pages are ordered by. */
type Listed = Document & { _id: string };

/**
 * One page of `filter`, in (createdAt, _id) order. The position is a keyset, not an offset, so
 * documents inserted between two page fetches neither repeat nor push others out of the list.
 * One extra document is fetched to learn whether a next page exists.
 */
export async function findPage<D extends Listed, T extends { id: string; createdAt: Date }>(
  collection: Collection<D>,
  filter: Filter<WithId<D>>,
  page: PageRequest,
  toItem: (document: unknown) => T | Promise<T>,
): Promise<PageOf<T>> {
  const direction = page.order === "asc" ? 1 : -1;
  const documents = await collection
    .find({ $and: page.after ? [filter, beyond<D>(page.after, page.order)] : [filter] })
    .sort({ createdAt: direction, _id: direction })
    .limit(page.limit + 1)
    .toArray();
  const items = await Promise.all(documents.slice(0, page.limit).map(toItem));
  const last = items.at(-1);
  if (documents.length <= page.limit || !last) return { items };
  return { items, next: { createdAt: last.createdAt, id: last.id } };
}

function beyond<D extends Listed>(position: PagePosition, order: PageRequest["order"]): Filter<WithId<D>> {
  const operator = order === "asc" ? "$gt" : "$lt";
  return {
    $or: [{ createdAt: { [operator]: position.createdAt } }, { createdAt: position.createdAt, _id: { [operator]: position.id } }],
  };
}
