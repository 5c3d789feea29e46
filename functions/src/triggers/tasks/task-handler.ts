import { z } from "zod";
import { cloudLogger } from "../../adapters/cloud-logger.js";
import { AppError } from "../../domain/app-error.js";
import { runInTrace, traceLogFields, traceOfRequest } from "../../adapters/trace-context.js";
import type { HttpHandler, HttpRequest, HttpResponse } from "../../http/http-types.js";
import { logger } from "../../http/logger.js";
import { problemFor } from "../../http/problem.js";
import { sendJson, sendProblem } from "../../http/respond.js";
import type { TaskTokenVerifier } from "./task-token.js";

export interface TaskTarget<S extends z.ZodType> {
  /** The name the handler is exported under in index.ts: its URL, and so its tokens' audience. */
  functionName: string;
  schema: S;
  /** The instance's token verifier, built on first use. */
  tokens: () => TaskTokenVerifier;
}

/**
 * An HTTP target of Cloud Tasks. `invoker: private` keeps the public out in production; the
 * handler checks the task's OIDC token as well, before it reads the payload, so that a request
 * that is not a task of ours answers 401 or 403 and does nothing, wherever it comes from. Cloud
 * Tasks retries every non-2xx answer, so only transient failures answer 503; a payload that can
 * never succeed is logged and acknowledged with 200.
 */
export function taskHandler<S extends z.ZodType>(target: TaskTarget<S>, run: (payload: z.infer<S>) => Promise<string>): HttpHandler {
  // A task is a hop of the trace of the work that enqueued it (cloud-task-queue.ts sends its traceparent).
  return (req, res) => runInTrace(traceOfRequest(req.headers), () => handleTask(target, run, req, res));
}

async function handleTask<S extends z.ZodType>(target: TaskTarget<S>, run: (payload: z.infer<S>) => Promise<string>, req: HttpRequest, res: HttpResponse): Promise<void> {
  try {
    await target.tokens().verify(req.headers.authorization, target.functionName);
  } catch (error) {
    const code = error instanceof AppError ? error.code : "unavailable";
    cloudLogger.warn("task.refused", { functionName: target.functionName, reason: code, detail: error instanceof Error ? error.message : String(error) });
    sendProblem(res, problemFor(code === "unauthenticated" || code === "forbidden" ? code : "unavailable"));
    return;
  }
  const parsed = target.schema.safeParse(parseJson(req.rawBody));
  if (!parsed.success) {
    logger.error("dropping a malformed task", { issues: parsed.error.issues, ...traceLogFields() });
    sendJson(res, 200, { outcome: "dropped" });
    return;
  }
  try {
    const outcome = await run(parsed.data);
    // One entry a task, under the trace that caused it: what each hop of a request's work came to.
    cloudLogger.info("task.done", { functionName: target.functionName, outcome });
    sendJson(res, 200, { outcome });
  } catch (error) {
    const transient = !(error instanceof AppError) || error.code === "unavailable";
    logger.warn(transient ? "task failed; Cloud Tasks will retry" : "task failed for good", {
      error: String(error),
      cause: error instanceof Error ? String(error.cause) : undefined,
      // An unexpected failure's stack, in the field Error Reporting groups by; expected ones (an outage, a refusal) have none to show.
      ...(error instanceof AppError ? {} : { stack_trace: error instanceof Error ? error.stack : String(error) }),
      ...traceLogFields(),
    });
    sendJson(res, transient ? 503 : 200, { outcome: transient ? "retry" : "failed" });
  }
}

function parseJson(raw: Buffer | undefined): unknown {
  try {
    return JSON.parse(raw?.toString("utf8") ?? "");
  } catch {
    return undefined;
  }
}
