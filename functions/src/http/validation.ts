import type { z } from "zod";
import { AppError } from "../domain/app-error.js";

/** Parses one part of a request; a failure lists every problem with where it is. */
export function validate<S extends z.ZodType>(schema: S, value: unknown, where: "params" | "query" | "body"): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError("validation_failed", `the request ${where} is not valid`, {
    errors: result.error.issues.map((issue) => ({
      location: [where, ...issue.path.map(String)].join("."),
      message: issue.message,
    })),
  });
}
