import { z } from "zod";

/**
 * How many times an aggregate has been stored: 1 when it is first inserted, one more at each save.
 * A save names the version it was decided on, so a decision made on a stale read never lands.
 */
export const Version = z.number().int().min(1);

// An aggregate's fields are declared once. Where the API shows the aggregate, they are declared in
// its contract (`OpportunityOut`, …) and the aggregate extends that schema: times as Dates, plus
// what only the inside sees (the version, hashes, counters of progress). Where the API does not
// show it, the aggregate declares its fields itself.

/** What every aggregate has: an id and the version its store compares on save. */
export interface Aggregate {
  id: string;
  version: number;
}

/** The version a new aggregate is created with. */
export const firstVersion = 1;
