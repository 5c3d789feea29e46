/** What the runtime knows of a route: enough to build its request, nothing of its schemas. */
export interface RouteEntry {
  readonly operationId: string;
  readonly method: "GET" | "POST" | "PATCH" | "DELETE";
  readonly path: string;
  readonly pathParams: readonly string[];
  /** Where the input's keys other than path parameters go. */
  readonly input: "query" | "body" | "none";
  /** The answer is a page `{ data, nextCursor }`: the method also gets an `…All` iterator. */
  readonly paged: boolean;
}
