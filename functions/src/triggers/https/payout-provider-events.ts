import { cloudLogger } from "../../adapters/cloud-logger.js";
import { runInTrace, traceOfRequest } from "../../adapters/trace-context.js";
import { receiveProviderNotification } from "../../app/payouts/receive-provider-notification.js";
import { AppError } from "../../domain/app-error.js";
import type { HttpHandler } from "../../http/http-types.js";
import { problemFor } from "../../http/problem.js";
import { sendJson, sendProblem } from "../../http/respond.js";
import { getPayoutSendingDeps } from "../../payout-sending-deps.js";

/**
 * The payouts provider's webhook (POST /v1/payout-provider/events). A notification whose
 * signature does not verify answers 401 and changes nothing; one we could not act on yet answers
 * 503, and the provider sends it again; anything else answers 200, repeats included.
 */
export const handle: HttpHandler = (req, res) =>
  runInTrace(traceOfRequest(req.headers), async () => {
    if (req.method !== "POST") {
      sendProblem(res, problemFor("method_not_allowed"));
      return;
    }
    try {
      const outcome = await receiveProviderNotification(getPayoutSendingDeps(), req.rawBody ?? Buffer.alloc(0), req.headers);
      cloudLogger.info("payout.notification", { outcome });
      sendJson(res, 200, { outcome });
    } catch (error) {
      const code = error instanceof AppError && (error.code === "unauthenticated" || error.code === "unavailable") ? error.code : "internal";
      cloudLogger.warn("payout.notification.refused", { reason: code, detail: error instanceof Error ? error.message : String(error) });
      sendProblem(res, problemFor(code));
    }
  });
