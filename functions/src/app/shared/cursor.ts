import { AppError } from "../../domain/app-error.js";
import type { PageOf, PagePosition, PageRequest } from "../../ports/page.js";

// Cursors are opaque to clients: base64url JSON of the last position and the sort order, so a
// cursor from one sort cannot be replayed against another.

export function decodePageRequest(query: { limit: number; cursor?: string | undefined; sort?: string }): PageRequest {
  const order = query.sort === "createdAt" ? "asc" : "desc";
  if (query.cursor === undefined) return { limit: query.limit, order };
  return { limit: query.limit, order, after: decodeCursor(query.cursor, order) };
}

export function toPage<T, Out>(page: PageOf<T>, order: PageRequest["order"], present: (item: T) => Out): { data: Out[]; nextCursor: string | null } {
  return { data: page.items.map(present), nextCursor: page.next ? encodeCursor(page.next, order) : null };
}

function encodeCursor(position: PagePosition, order: PageRequest["order"]): string {
  return Buffer.from(JSON.stringify({ t: position.createdAt.getTime(), i: position.id, o: order })).toString("base64url");
}

function decodeCursor(cursor: string, order: PageRequest["order"]): PagePosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  if (
    typeof decoded !== "object" || decoded === null ||
    !("t" in decoded) || !("i" in decoded) || !("o" in decoded) ||
    typeof decoded.t !== "number" || !Number.isFinite(decoded.t) || typeof decoded.i !== "string" || decoded.o !== order
  ) {
    throw badCursor();
  }
  return { createdAt: new Date(decoded.t), id: decoded.i };
}

const badCursor = () =>
  new AppError("validation_failed", "the cursor is not valid for this list", { errors: [{ location: "query.cursor", message: "invalid cursor" }] });
