import { backfillVersions, ensureIndexes } from "./adapters/mongo/indexes.js";
import { getMongoClient } from "./adapters/mongo/mongo-client.js";
import { ensureQueues } from "./adapters/tasks/queues.js";
import { getCloudTasks } from "./adapters/tasks/tasks-client.js";
import { readRuntimeConfig } from "./config.js";

// The migration command (`node lib/migrate.js`): creates MongoDB indexes, gives a version to
// aggregates stored before they had one, and creates the Cloud Tasks queues.
// `npm start` runs it against the local servers; a deploy runs it before traffic moves, never a request.

const config = readRuntimeConfig();
const mongo = getMongoClient(config.mongo.uri);
const tasks = getCloudTasks(config.tasks.emulatorHost);
try {
  const db = mongo.db(config.mongo.database);
  await ensureIndexes(db);
  const versioned = await backfillVersions(db);
  const queues = await ensureQueues(tasks, config.projectId, config.tasks.location);
  console.log(`migrate: indexes ensured in ${config.mongo.database}; ${versioned} documents given a version; queues created: ${queues.join(", ") || "none (all existed)"}`);
} finally {
  await Promise.all([mongo.close(), tasks.close()]);
}
