import { mongoProbe } from "../../adapters/mongo/mongo-probe.js";
import { getMongoClient } from "../../adapters/mongo/mongo-client.js";
import { getPubSub } from "../../adapters/pubsub/pubsub-client.js";
import { pubsubProbe } from "../../adapters/pubsub/pubsub-probe.js";
import { systemClock } from "../../adapters/system-clock.js";
import { getCloudTasks } from "../../adapters/tasks/tasks-client.js";
import { cloudTasksProbe } from "../../adapters/tasks/tasks-probe.js";
import { cachedCheck } from "../../app/health/cached-check.js";
import { checkHealth } from "../../app/health/check-health.js";
import { readRuntimeConfig } from "../../config.js";
import { HealthOut, HealthSummaryOut, healthRoutes } from "../../contracts/health.js";
import type { HttpHandler } from "../../http/http-types.js";
import { refuseUnlessRead, sendJson } from "../../http/respond.js";
import { bind } from "../../http/route-handler.js";
import { apiRouter } from "./api-router.js";

const probeTimeoutMs = 2_000;
const publicCheckTtlMs = 10_000;

/** Probes every dependency now; each probe is bounded, so a hung dependency cannot hang the check. */
async function checkNow(): Promise<HealthOut> {
  const config = readRuntimeConfig();
  return HealthOut.parse(
    await checkHealth({
      probes: [
        mongoProbe(getMongoClient(config.mongo.uri), config.mongo.database),
        pubsubProbe(getPubSub(config.projectId)),
        cloudTasksProbe(getCloudTasks(config.tasks.emulatorHost), `projects/${config.projectId}/locations/${config.tasks.location}`),
      ],
      clock: systemClock,
      timeoutMs: probeTimeoutMs,
    }),
  );
}

const publicCheck = cachedCheck(checkNow, systemClock, publicCheckTtlMs);

const details = apiRouter([bind(healthRoutes.getHealthDetails, () => checkNow())]);

/** `/v1/health`: up or down for anyone, from a cached check. `/v1/health/details`: everything, for operators. */
export const handle: HttpHandler = async (req, res) => {
  if (req.path !== "/v1/health") return details(req, res);
  if (refuseUnlessRead(req, res)) return;
  const report = HealthSummaryOut.parse(await publicCheck());
  res.setHeader("cache-control", "no-store");
  sendJson(res, report.status === "ok" ? 200 : 503, report);
};
