import type { z } from "zod";
import type { CallOptions } from "./transport.js";

// The types of a method, inferred from its route's declaration (the zod schemas of its params,
// query, body and response). Types only: nothing here reaches the bundle.

interface Declaration {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: { schema: z.ZodType };
}

type Part<S> = S extends z.ZodType ? z.input<S> : {};

/**
 * A query's keys as the route accepts them (optional where they have a default), each typed as
 * the value it parses to: query strings are coerced on the server, so the input type of a
 * `z.coerce.number()` is `unknown`, while a caller means a number.
 */
type QueryPart<S> = S extends z.ZodType ? { [K in keyof z.input<S>]: K extends keyof z.output<S> ? z.output<S>[K] : never } : {};

type Flatten<T> = { [K in keyof T]: T[K] } & {};

/** The flat input of a method: path parameters, and the query or the body. */
export type MethodInput<D extends Declaration> = Flatten<Part<D["params"]> & QueryPart<D["query"]> & Part<D["body"]>>;

/** What a method resolves to: the response as it arrives (JSON of the schema's output). */
export type MethodOutput<D extends Declaration> = z.output<D["response"]["schema"]>;

/** The input may be left out when every key of it is optional. */
export type Method<D extends Declaration> = {} extends MethodInput<D>
  ? (input?: MethodInput<D>, options?: CallOptions) => Promise<MethodOutput<D>>
  : (input: MethodInput<D>, options?: CallOptions) => Promise<MethodOutput<D>>;

type PageItem<D extends Declaration> = MethodOutput<D> extends { data: Array<infer Item>; nextCursor: string | null } ? Item : never;

/** `listAll(input)`: every item of every page, fetched page by page as the loop asks for them. */
export type AllMethod<D extends Declaration> = {} extends MethodInput<D>
  ? (input?: Omit<MethodInput<D>, "cursor">, options?: Omit<CallOptions, "idempotencyKey">) => AsyncIterable<PageItem<D>>
  : (input: Omit<MethodInput<D>, "cursor">, options?: Omit<CallOptions, "idempotencyKey">) => AsyncIterable<PageItem<D>>;

/** A namespace's methods, and an `…All` iterator beside each method that answers pages. */
export type Namespace<Declarations extends Record<string, Declaration>> = {
  [M in keyof Declarations]: Method<Declarations[M]>;
} & {
  [M in keyof Declarations as PageItem<Declarations[M]> extends never ? never : `${M & string}All`]: AllMethod<Declarations[M]>;
};
