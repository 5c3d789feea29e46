import type { Aggregate } from "../../domain/aggregate.js";

/**
 * A field as JSON carries it: dates become ISO-8601 strings. Not distributed over unions, so that
 * a nullable field of another type (`"manual" | null`) keeps its type.
 */
type OnTheWire<T> = [T] extends [Date] ? string : [T] extends [Date | null] ? string | null : T;

/** An aggregate's fields as the API shows them, without the version only its store needs. */
export type WireForm<A extends Aggregate> = { [K in Exclude<keyof A, "version">]: OnTheWire<A[K]> };

/**
 * The API shape of an aggregate where it is the aggregate itself: every field but the version,
 * dates as ISO-8601 strings. Presenters start from this and differ from it only on purpose.
 */
export function wireForm<A extends Aggregate>(aggregate: A): WireForm<A> {
  const { version: _version, ...fields } = aggregate;
  return Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, value instanceof Date ? value.toISOString() : value])) as WireForm<A>;
}
