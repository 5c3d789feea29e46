import { getApps, initializeApp } from "firebase-admin/app";
import { getMongoClient } from "./adapters/mongo/mongo-client.js";
import { mongoFaultInjector, noFaults } from "./adapters/mongo/fault-injector.js";
import { mongoRepositories } from "./adapters/mongo/repositories.js";
import { cloudLogger } from "./adapters/cloud-logger.js";
import { firebaseIdentityDirectory } from "./adapters/firebase/firebase-identity-directory.js";
import { firebaseIdentityVerifier } from "./adapters/firebase/firebase-identity-verifier.js";
import { guardedFetch } from "./adapters/oidc/guarded-fetch.js";
import { identityVerifier } from "./adapters/oidc/identity-verifier.js";
import { oidcTokenVerifier } from "./adapters/oidc/oidc-token-verifier.js";
import { getPubSub } from "./adapters/pubsub/pubsub-client.js";
import { pubsubDeadLetterTopic } from "./adapters/pubsub/dead-letter-topic.js";
import { pubsubEventPublisher } from "./adapters/pubsub/pubsub-event-publisher.js";
import { pubsubOperationalEvents } from "./adapters/pubsub/operational-events-topic.js";
import { cryptoRandom } from "./adapters/crypto-random.js";
import { randomIds } from "./adapters/random-ids.js";
import { flexibleRateLimiter } from "./adapters/rate-limits/flexible-rate-limiter.js";
import { rateLimitRedis } from "./adapters/rate-limits/redis-client.js";
import { systemClock } from "./adapters/system-clock.js";
import { cloudTaskQueue } from "./adapters/tasks/cloud-task-queue.js";
import { getCloudTasks } from "./adapters/tasks/tasks-client.js";
import { destinationGuard } from "./adapters/webhooks/destination-guard.js";
import { standardWebhookSender } from "./adapters/webhooks/standard-webhook-sender.js";
import { firebaseEmailDirectory } from "./adapters/firebase/firebase-email-directory.js";
import { smtpMailer } from "./adapters/mail/smtp-mailer.js";
import { appBaseUrl, emailLinkSecret, readMailSettings, readRuntimeConfig, readTaskInvokerConfig } from "./config.js";
import { scaledRateLimits } from "./domain/identity/rate-limits.js";
import type { Mailer } from "./ports/mailer.js";

// The instance-wide dependencies of the API and event functions, built once on first use and
// shared by every invocation the instance serves.

export type Deps = ReturnType<typeof buildDeps>;

let deps: Deps | undefined;

export function getDeps(): Deps {
  deps ??= buildDeps();
  return deps;
}

function buildDeps() {
  const config = readRuntimeConfig();
  const { redisUrl } = config;
  const db = getMongoClient(config.mongo.uri).db(config.mongo.database);
  const taskInvoker = readTaskInvokerConfig(config);
  const firebase = getApps()[0] ?? initializeApp({ projectId: config.projectId });
  const repositories = mongoRepositories(db);
  const destinations = destinationGuard(config.webhooks);
  return {
    ...repositories,
    faults: config.faultInjection ? mongoFaultInjector(db) : noFaults,
    publisher: pubsubEventPublisher(getPubSub(config.projectId)),
    deadLetters: pubsubDeadLetterTopic(getPubSub(config.projectId)),
    operations: pubsubOperationalEvents(getPubSub(config.projectId)),
    tasks: cloudTaskQueue(getCloudTasks(config.tasks.emulatorHost), { projectId: config.projectId, ...config.tasks, invokerServiceAccount: taskInvoker.serviceAccount }),
    taskInvoker,
    identity: identityVerifier(firebaseIdentityVerifier(firebase), oidcTokenVerifier({ fetch: guardedFetch(destinations) }), repositories.oidcIssuers),
    directory: firebaseIdentityDirectory(firebase),
    emailDirectory: firebaseEmailDirectory(firebase),
    mailer: mailerOnFirstSend(config.projectId),
    appBaseUrl: appBaseUrl.value().replace(/\/+$/, ""),
    // Read when a link is signed or checked, not when the instance starts: most functions have no binding of it.
    emailLinkSecret: () => emailLinkSecret.value(),
    sender: standardWebhookSender(config.webhooks),
    webhookTimeScale: config.webhooks.timeScale,
    destinations,
    ids: randomIds,
    random: cryptoRandom,
    clock: systemClock,
    pointsPolicy: config.points,
    logger: cloudLogger,
    limiter: flexibleRateLimiter(redisUrl ? () => rateLimitRedis(redisUrl) : undefined, cloudLogger, scaledRateLimits(config.rateLimitCallerScale)),
    config,
  };
}

/**
 * The SMTP relay's settings are read on the first email, not when the instance starts: only the
 * functions that send email (notifyByEmail, and reconcile when it repairs a lost delivery) bind
 * its password, and every other function builds these same deps.
 */
function mailerOnFirstSend(projectId: string): Mailer {
  let mailer: Mailer | undefined;
  return { send: (message) => (mailer ??= smtpMailer(readMailSettings(projectId))).send(message) };
}
