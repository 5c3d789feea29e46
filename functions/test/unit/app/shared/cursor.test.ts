import { describe, expect, it } from "vitest";
import { decodePageRequest, toPage } from "../../../../src/app/shared/cursor.js";
import type { PagePosition } from "../../../../src/ports/page.js";

const position: PagePosition = { createdAt: new Date("2026-03-02T09:00:00.123Z"), id: "opp_0000000000000007" };
const identity = <T>(item: T) => item;
const sorts: { sort: string; order: "asc" | "desc" }[] = [{ sort: "-createdAt", order: "desc" }, { sort: "createdAt", order: "asc" }];

function cursorFor(order: "asc" | "desc"): string {
  const { nextCursor } = toPage({ items: [], next: position }, order, identity);
  if (nextCursor === null) throw new Error("a page with a next position has a cursor");
  return nextCursor;
}

describe("cursors", () => {
  it("start at the beginning, newest first unless sorted by createdAt", () => {
    expect(decodePageRequest({ limit: 20 })).toEqual({ limit: 20, order: "desc" });
    expect(decodePageRequest({ limit: 20, sort: "-createdAt" })).toEqual({ limit: 20, order: "desc" });
    expect(decodePageRequest({ limit: 5, sort: "createdAt" })).toEqual({ limit: 5, order: "asc" });
  });

  it.each(sorts)("round-trip the next position (sort $sort)", ({ sort, order }) => {
    expect(decodePageRequest({ limit: 20, sort, cursor: cursorFor(order) })).toEqual({ limit: 20, order, after: position });
  });

  it("are absent on the last page", () => {
    expect(toPage({ items: [1, 2] }, "desc", (n) => n * 10)).toEqual({ data: [10, 20], nextCursor: null });
  });

  it.each(["garbage", "%%%", Buffer.from("null").toString("base64url"), Buffer.from('{"t":"yesterday","i":"x","o":"desc"}').toString("base64url")])(
    "refuse a cursor that is not one of ours (%s): validation_failed",
    (cursor) => {
      expect(() => decodePageRequest({ limit: 20, cursor })).toThrow(expect.objectContaining({ code: "validation_failed" }));
    },
  );

  it("refuse a cursor made for the other sort order: validation_failed", () => {
    expect(() => decodePageRequest({ limit: 20, sort: "createdAt", cursor: cursorFor("desc") })).toThrow(expect.objectContaining({ code: "validation_failed" }));
    expect(() => decodePageRequest({ limit: 20, sort: "-createdAt", cursor: cursorFor("asc") })).toThrow(expect.objectContaining({ code: "validation_failed" }));
  });
});
