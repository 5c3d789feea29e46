import type { PubSub } from "@google-cloud/pubsub";
import type { Db } from "mongodb";
import { cloudLogger } from "../../../src/adapters/cloud-logger.js";
import { cryptoRandom } from "../../../src/adapters/crypto-random.js";
import { mongoRepositories } from "../../../src/adapters/mongo/repositories.js";
import { pubsubEventPublisher } from "../../../src/adapters/pubsub/pubsub-event-publisher.js";
import { randomIds } from "../../../src/adapters/random-ids.js";
import { systemClock } from "../../../src/adapters/system-clock.js";
import { cloudTaskQueue } from "../../../src/adapters/tasks/cloud-task-queue.js";
import { getCloudTasks } from "../../../src/adapters/tasks/tasks-client.js";
import { platformEnv } from "./local-platform.js";

/**
 * The ports a use case takes, wired to the local platform's real servers (the database `db`,
 * Pub/Sub, Cloud Tasks), for tests that call use cases directly and fire them at once.
 */
export function useCaseDeps(db: Db, pubsub: PubSub) {
  const projectId = platformEnv("GCLOUD_PROJECT");
  return {
    ...mongoRepositories(db),
    publisher: pubsubEventPublisher(pubsub),
    tasks: cloudTaskQueue(getCloudTasks(platformEnv("TASKS_EMULATOR_HOST")), {
      projectId,
      location: "us-central1",
      functionsBaseUrl: `http://127.0.0.1:5001/${projectId}/us-central1`,
      invokerServiceAccount: undefined,
    }),
    ids: randomIds,
    random: cryptoRandom,
    clock: systemClock,
    logger: cloudLogger,
  };
}
