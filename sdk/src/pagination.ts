/** A page of a list route. */
export interface Page<Item> {
  data: Item[];
  nextCursor: string | null;
}

/** Every item of every page, asking for the next page only when the loop gets to it. */
export async function* allPages<Item>(fetchPage: (cursor: string | undefined) => Promise<Page<Item>>): AsyncGenerator<Item, void, undefined> {
  let cursor: string | undefined;
  do {
    const page = await fetchPage(cursor);
    yield* page.data;
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
}
