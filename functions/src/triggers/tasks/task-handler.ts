import { z } from "zod";
import { AppError } from "../../domain/app-error.js";
import type { HttpHandler } from "../../http/http-types.js";
import { logger } from "../../http/logger.js";
import { sendJson } from "../../http/respond.js";

/**
 * An HTTP target of Cloud Tasks. Cloud Tasks retries every non-2xx answer, so only transient
 * failures answer 503; a payload that can never succeed is logged and acknowledged with 200.
 */
export function taskHandler<S extends z.ZodType>(schema: S, run: (payload: z.infer<S>) => Promise<string>): HttpHandler {
  return async (req, res) => {
    const parsed = schema.safeParse(parseJson(req.rawBody));
    if (!parsed.success) {
      logger.error("dropping a malformed task", { issues: parsed.error.issues });
      sendJson(res, 200, { outcome: "dropped" });
      return;
    }
    try {
      sendJson(res, 200, { outcome: await run(parsed.data) });
    } catch (error) {
      const transient = !(error instanceof AppError) || error.code === "unavailable";
      logger.warn(transient ? "task failed; Cloud Tasks will retry" : "task failed for good", { error: String(error), cause: error instanceof Error ? String(error.cause) : undefined });
      sendJson(res, transient ? 503 : 200, { outcome: transient ? "retry" : "failed" });
    }
  };
}

function parseJson(raw: Buffer | undefined): unknown {
  try {
    return JSON.parse(raw?.toString("utf8") ?? "");
  } catch {
    return undefined;
  }
}
