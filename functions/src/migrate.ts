import { ensureCryptoKey } from "./adapters/kms/crypto-key.js";
import { getKms } from "./adapters/kms/kms-client.js";
import { encryptPlainPersonalData, encryptPlainWebhookSecrets } from "./adapters/mongo/collections.js";
import { backfillVersions, dropRetiredIndexes, ensureIndexes, numberClaims, numberSubmissionAttempts } from "./adapters/mongo/indexes.js";
import { getMongoClient } from "./adapters/mongo/mongo-client.js";
import { backfillWebhookAttempts } from "./adapters/mongo/backfill-webhook-attempts.js";
import { numberPointsEntries } from "./adapters/mongo/number-points-entries.js";
import { getPubSub } from "./adapters/pubsub/pubsub-client.js";
import { ensureTopics } from "./adapters/pubsub/topics.js";
import { ensureQueues } from "./adapters/tasks/queues.js";
import { getCloudTasks } from "./adapters/tasks/tasks-client.js";
import { readRuntimeConfig } from "./config.js";

// The migration command (`node lib/migrate.js`): creates MongoDB indexes, gives a version to
// aggregates stored before they had one, and creates the Cloud Tasks queues and Pub/Sub topics
// declared in cloud-resources.json. On the local platform it also creates the KMS key ring and key
// (in production they are Terraform's), then encrypts webhook secrets and personal data still stored in clear.
// `npm start` runs it against the local servers; a deploy runs it before traffic moves, never a request.

const config = readRuntimeConfig();
const mongo = getMongoClient(config.mongo.uri);
const tasks = getCloudTasks(config.tasks.emulatorHost);
const pubsub = getPubSub(config.projectId);
const kms = getKms(config.kms.emulatorHost);
try {
  const db = mongo.db(config.mongo.database);
  const attempts = await numberSubmissionAttempts(db);
  const claims = await numberClaims(db);
  const pointsEntries = await numberPointsEntries(db);
  await ensureIndexes(db);
  const dropped = await dropRetiredIndexes(db);
  const versioned = await backfillVersions(db);
  const queues = await ensureQueues(tasks, config.projectId, config.tasks.location, { local: Boolean(config.tasks.emulatorHost) });
  const topics = await ensureTopics(pubsub);
  const keys = config.kms.emulatorHost ? await ensureCryptoKey(kms, config.kms.keyName) : [];
  const encrypted = await encryptPlainWebhookSecrets(db);
  const sealedPersonal = await encryptPlainPersonalData(db);
  const attemptsLogged = await backfillWebhookAttempts(db);
  console.log(
    `migrate: indexes ensured in ${config.mongo.database}; ${versioned} documents given a version; ${attempts} submissions given an attempt number; ` +
      `${claims} claims given a sequence number; ${pointsEntries} points entries given a number and running balance; indexes dropped: ${dropped.join(", ") || "none"}; ` +
      `queues created: ${queues.join(", ") || "none (all existed)"}; topics created: ${topics.join(", ") || "none (all existed)"}; ` +
      `KMS keys created: ${keys.join(", ") || "none"}; ${encrypted} webhook secrets encrypted; documents whose personal data was sealed: ${JSON.stringify(sealedPersonal)}; ${attemptsLogged} webhook attempts copied into the attempt log`,
  );
} finally {
  await Promise.all([mongo.close(), tasks.close(), pubsub.close(), kms.close()]);
}
