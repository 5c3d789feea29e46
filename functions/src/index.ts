import { setGlobalOptions } from "firebase-functions/v2";
import { onRequest, type HttpsOptions } from "firebase-functions/v2/https";
import { onMessagePublished, type PubSubOptions } from "firebase-functions/v2/pubsub";
import { domainEventsTopic } from "./adapters/pubsub/topics.js";
import { mongoUri, region } from "./config.js";
import { lazyHandler } from "./http/lazy-handler.js";
import { lazyEventHandler } from "./triggers/pubsub/lazy-event-handler.js";

// Composition root: declares each function and binds its secrets. Each function's module is
// imported on its first invocation, so an instance loads only the code of the function it serves.

setGlobalOptions({ region, maxInstances: 20 });

const api: HttpsOptions = { secrets: [mongoUri], invoker: "public", concurrency: 80 };
// Only Cloud Tasks (with its service account's OIDC token) may call the task handlers.
const taskTarget: HttpsOptions = { secrets: [mongoUri], invoker: "private", concurrency: 40 };
const subscriber: PubSubOptions = { topic: domainEventsTopic, secrets: [mongoUri], retry: true };

export const health = onRequest(api, lazyHandler(() => import("./triggers/https/health.js")));
export const openapi = onRequest({ invoker: "public" }, lazyHandler(() => import("./triggers/https/openapi.js")));
export const organizations = onRequest(api, lazyHandler(() => import("./triggers/https/organizations.js")));
export const opportunities = onRequest(api, lazyHandler(() => import("./triggers/https/opportunities.js")));
export const claims = onRequest(api, lazyHandler(() => import("./triggers/https/claims.js")));
export const rewards = onRequest(api, lazyHandler(() => import("./triggers/https/rewards.js")));

export const relayOutbox = onRequest(taskTarget, lazyHandler(() => import("./triggers/tasks/relay-outbox.js")));
export const deliverWebhook = onRequest(taskTarget, lazyHandler(() => import("./triggers/tasks/deliver-webhook.js")));

export const issueRewards = onMessagePublished(subscriber, lazyEventHandler(() => import("./triggers/pubsub/issue-rewards.js")));
export const fanOutWebhooks = onMessagePublished(subscriber, lazyEventHandler(() => import("./triggers/pubsub/fan-out-webhooks.js")));
