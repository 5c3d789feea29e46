/** A keyset position in a list sorted by `createdAt` then id: stable while documents are inserted. */
export interface PagePosition {
  createdAt: Date;
  id: string;
}

export interface PageRequest {
  limit: number;
  after?: PagePosition;
  order: "asc" | "desc";
}

export interface PageOf<T> {
  items: T[];
  /** Where the next page starts; absent on the last page. */
  next?: PagePosition;
}
