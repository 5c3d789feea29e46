import { cloudLogger } from "../../adapters/cloud-logger.js";
import { runInTrace, traceOfRequest } from "../../adapters/trace-context.js";
import { listClaimMedia } from "../../app/media/list-claim-media.js";
import { recordUpload } from "../../app/media/record-upload.js";
import { signUpload } from "../../app/media/sign-upload.js";
import { mediaRoutes as routes } from "../../contracts/media.js";
import { AppError } from "../../domain/app-error.js";
import type { HttpHandler } from "../../http/http-types.js";
import { problemFor } from "../../http/problem.js";
import { sendJson, sendProblem } from "../../http/respond.js";
import { bind } from "../../http/route-handler.js";
import { getMediaDeps } from "../../media-deps.js";
import { apiRouter } from "./api-router.js";

const api = apiRouter([
  bind(routes.createUpload, ({ principal, params, body }) => signUpload(getMediaDeps(), principal, params.claimId, body)),
  bind(routes.listMedia, ({ principal, params }) => listClaimMedia(getMediaDeps(), principal, params.claimId)),
]);

/** The path the media store posts its upload notifications to (MEDIA_NOTIFICATION_URL). */
export const notificationPath = "/v1/media/notifications";

/**
 * The media store's upload notifications: one whose signature does not verify answers 401 and
 * records nothing; any other answers 200, repeats included, so the store stops sending it. A
 * failure to record answers 503 and the store sends it again.
 */
const notifications: HttpHandler = (req, res) =>
  runInTrace(traceOfRequest(req.headers), async () => {
    if (req.method !== "POST") {
      sendProblem(res, problemFor("method_not_allowed"));
      return;
    }
    const header = (name: string) => (typeof req.headers[name] === "string" ? (req.headers[name] as string) : undefined);
    try {
      const outcome = await recordUpload(getMediaDeps(), (req.rawBody ?? Buffer.alloc(0)).toString("utf8"), { timestamp: header("x-cld-timestamp"), signature: header("x-cld-signature") });
      cloudLogger.info("media.notification", { outcome });
      sendJson(res, 200, { outcome });
    } catch (error) {
      const code = error instanceof AppError && error.code === "unauthenticated" ? "unauthenticated" : "unavailable";
      cloudLogger.warn("media.notification.refused", { reason: code, detail: error instanceof Error ? error.message : String(error) });
      sendProblem(res, problemFor(code));
    }
  });

export const handle: HttpHandler = (req, res) => ((req.path ?? req.url ?? "").split("?")[0] === notificationPath ? notifications(req, res) : api(req, res));
