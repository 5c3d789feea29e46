import { describe, expect, it } from "vitest";
import { wireForm } from "../../../../src/app/shared/wire-form.js";

describe("wireForm", () => {
  it("shows every field but the version, dates as ISO-8601 strings and nulls as nulls", () => {
    const aggregate = { id: "rwd_1", value: 5, tags: ["a"], createdAt: new Date("2026-03-02T09:00:00.000Z"), issuedAt: null, version: 3 };
    expect(wireForm(aggregate)).toEqual({ id: "rwd_1", value: 5, tags: ["a"], createdAt: "2026-03-02T09:00:00.000Z", issuedAt: null });
  });
});
