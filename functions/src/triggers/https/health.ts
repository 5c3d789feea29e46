import { mongoProbe } from "../../adapters/mongo/mongo-probe.js";
import { getMongoClient } from "../../adapters/mongo/mongo-client.js";
import { getPubSub } from "../../adapters/pubsub/pubsub-client.js";
import { pubsubProbe } from "../../adapters/pubsub/pubsub-probe.js";
import { systemClock } from "../../adapters/system-clock.js";
import { getCloudTasks } from "../../adapters/tasks/tasks-client.js";
import { cloudTasksProbe } from "../../adapters/tasks/tasks-probe.js";
import { checkHealth } from "../../app/health/check-health.js";
import { readRuntimeConfig } from "../../config.js";
import { HealthOut } from "../../contracts/health.js";
import type { HttpHandler } from "../../http/http-types.js";
import { refuseUnlessRead, sendJson } from "../../http/respond.js";

const probeTimeoutMs = 2_000;

export const handle: HttpHandler = async (req, res) => {
  if (refuseUnlessRead(req, res)) return;
  const config = readRuntimeConfig();
  const report = HealthOut.parse(
    await checkHealth({
      probes: [
        mongoProbe(getMongoClient(config.mongo.uri), config.mongo.database),
        pubsubProbe(getPubSub(config.projectId)),
        cloudTasksProbe(
          getCloudTasks(config.tasks.emulatorHost),
          `projects/${config.projectId}/locations/${config.tasks.location}`,
        ),
      ],
      clock: systemClock,
      timeoutMs: probeTimeoutMs,
    }),
  );
  res.setHeader("cache-control", "no-store");
  sendJson(res, report.status === "ok" ? 200 : 503, report);
};
