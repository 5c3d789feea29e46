import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { assertRoomFor, codeSpace, generateCode } from "../../../../src/domain/vouchers/code-generator.js";

const shape = { pattern: "BREW-####-????", charset: "AB", prefix: "", suffix: "" };

describe("generateCode", () => {
  it("writes the pattern's literals, a digit at #, a charset character at ?", () => {
    const draws = [1, 2, 3, 4, 0, 1, 1, 0];
    let i = 0;
    expect(generateCode(shape, () => draws[i++]!)).toBe("BREW-1234-ABBA");
  });

  it("wraps a code of `length` charset characters in the prefix and suffix", () => {
    expect(generateCode({ length: 6, charset: "XYZ", prefix: "PRE-", suffix: "-END" }, () => 2)).toBe("PRE-ZZZZZZ-END");
  });

  it("draws every position from the random source, so codes of a wide pattern are distinct", () => {
    const wide = { pattern: "????-????-????", charset: "ABCDEFGHJKLMNPQRSTUVWXYZ23456789", prefix: "", suffix: "" };
    const codes = new Set(Array.from({ length: 1_000 }, () => generateCode(wide, randomInt)));
    expect(codes.size).toBe(1_000);
    for (const code of codes) expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  });
});

describe("codeSpace and assertRoomFor", () => {
  it("counts the distinct codes a shape makes: 10 per #, the charset's size per ?", () => {
    expect(codeSpace(shape)).toBe(10 ** 4 * 2 ** 4);
    expect(codeSpace({ length: 3, charset: "AAB", prefix: "", suffix: "" })).toBe(8);
  });

  it("refuses a count above a tenth of the space: validation_failed on the pattern", () => {
    expect(() => assertRoomFor(shape, 16_000)).not.toThrow();
    expect(() => assertRoomFor(shape, 16_001)).toThrow(expect.objectContaining({ code: "validation_failed", details: { errors: [{ location: "body.pattern", message: expect.any(String) }] } }));
  });
});
