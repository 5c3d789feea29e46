import { AppError } from "../app-error.js";

/** What a generated code looks like: a pattern (`BREW-####-????`) or a length, wrapped in a prefix and suffix. */
export interface CodeShape {
  pattern?: string | undefined;
  length?: number | undefined;
  charset: string;
  prefix: string;
  suffix: string;
}

const digits = "0123456789";

/**
 * The characters each random position of the shape draws from: `#` a digit, `?` one of the
 * charset; a length is that many `?`. Everything else in a pattern is written as it is.
 */
function slotsOf(shape: CodeShape): (string | readonly string[])[] {
  const charset = [...new Set(shape.charset)];
  const template = shape.pattern ?? "?".repeat(shape.length ?? 0);
  return [...template].map((char) => (char === "#" ? [...digits] : char === "?" ? charset : char));
}

/** How many distinct codes the shape can make; a float, since it can pass 2^53. */
export function codeSpace(shape: CodeShape): number {
  return slotsOf(shape).reduce<number>((space, slot) => (typeof slot === "string" ? space : space * slot.length), 1);
}

/**
 * Refuses a request for more codes than the shape can reasonably make unique: asking for more
 * than a tenth of the space would make drawing slow and collisions common.
 */
export function assertRoomFor(shape: CodeShape, count: number): void {
  const space = codeSpace(shape);
  if (space < count * 10) {
    throw new AppError("validation_failed", `this pattern makes ${space} distinct codes; ${count} need at least ${count * 10}: add random positions`, {
      errors: [{ location: "body.pattern", message: "too few random positions for this many codes" }],
    });
  }
}

/** One code of the shape, each random position drawn by `randomInt(n)` (uniform in [0, n), cryptographic). */
export function generateCode(shape: CodeShape, randomInt: (n: number) => number): string {
  const body = slotsOf(shape)
    .map((slot) => (typeof slot === "string" ? slot : slot[randomInt(slot.length)]))
    .join("");
  return `${shape.prefix}${body}${shape.suffix}`;
}
