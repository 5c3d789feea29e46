import { setGlobalOptions } from "firebase-functions/v2";
import { onRequest, type HttpsOptions } from "firebase-functions/v2/https";
import { onMessagePublished, type PubSubOptions } from "firebase-functions/v2/pubsub";
import { onSchedule } from "firebase-functions/v2/scheduler";
import { declaredSchedule, declaredSubscription } from "./cloud-resources.js";
import { cloudinaryApiSecret, emailLinkSecret, mailSmtpPassword, mongoUri, payoutsApiKey, payoutsWebhookSecret, region } from "./config.js";
import { apiTimeoutSeconds } from "./domain/opportunities/reservation.js";
import { lazy } from "./triggers/lazy.js";

// Composition root: declares each function and binds its secrets. Each function's module is
// imported on its first invocation, so an instance loads only the code of the function it serves.

setGlobalOptions({ region, maxInstances: 20 });

// The timeout is the one reservations are settled by (domain/opportunities/reservation.ts).
const api: HttpsOptions = { secrets: [mongoUri], invoker: "public", concurrency: 80, timeoutSeconds: apiTimeoutSeconds };
// The organizations function also checks the one-click unsubscribe links (/v1/unsubscribe/…) of emails: it binds the secret that signs them.
const organizationsApi: HttpsOptions = { secrets: [mongoUri, emailLinkSecret], invoker: "public", concurrency: 80, timeoutSeconds: apiTimeoutSeconds };
// Only Cloud Tasks (with its service account's OIDC token) may call the task handlers.
const taskTarget: HttpsOptions = { secrets: [mongoUri], invoker: "private", concurrency: 40 };
// Cash payouts are few: small instance caps keep them inside the database's connection budget
// (terraform/test/connection-budget.test.ts). Only the two that reach the provider bind its secrets.
const payoutsApi: HttpsOptions = { secrets: [mongoUri], invoker: "public", concurrency: 80, timeoutSeconds: apiTimeoutSeconds, maxInstances: 2 };
// The payouts provider calls it; the notification's signature, not the caller, is what is trusted.
const payoutProviderWebhook: HttpsOptions = { secrets: [mongoUri, payoutsApiKey, payoutsWebhookSecret], invoker: "public", concurrency: 80, maxInstances: 2 };
const payoutTaskTarget: HttpsOptions = { secrets: [mongoUri, payoutsApiKey, payoutsWebhookSecret], invoker: "private", concurrency: 40, maxInstances: 4 };
// Upload signatures, media lists and the media store's notifications: the only function bound to
// Cloudinary's secret. Few instances keep it inside the database's connection budget; decoding
// pictures with sharp takes memory, so fewer requests share an instance, with more of it.
const mediaApi: HttpsOptions = { secrets: [mongoUri, cloudinaryApiSecret], invoker: "public", concurrency: 8, memory: "1GiB", timeoutSeconds: apiTimeoutSeconds, maxInstances: 4 };
// A subscriber's topic and retry are declared in cloud-resources.json, under its exported name.
const subscriber = (functionName: string): PubSubOptions => {
  const { topic, retry } = declaredSubscription(functionName);
  return { topic, retry, secrets: [mongoUri] };
};

export const health = onRequest(api, lazy(() => import("./triggers/https/health.js")));
export const openapi = onRequest({ invoker: "public" }, lazy(() => import("./triggers/https/openapi.js")));
export const organizations = onRequest(organizationsApi, lazy(() => import("./triggers/https/organizations.js")));
export const opportunities = onRequest(api, lazy(() => import("./triggers/https/opportunities.js")));
export const claims = onRequest(api, lazy(() => import("./triggers/https/claims.js")));
export const submissions = onRequest(api, lazy(() => import("./triggers/https/submissions.js")));
export const rewards = onRequest(api, lazy(() => import("./triggers/https/rewards.js")));
export const payouts = onRequest(payoutsApi, lazy(() => import("./triggers/https/payouts.js")));
export const media = onRequest(mediaApi, lazy(() => import("./triggers/https/media.js")));
export const payoutProviderEvents = onRequest(payoutProviderWebhook, lazy(() => import("./triggers/https/payout-provider-events.js")));

export const relayOutbox = onRequest(taskTarget, lazy(() => import("./triggers/tasks/relay-outbox.js")));
export const deliverWebhook = onRequest(taskTarget, lazy(() => import("./triggers/tasks/deliver-webhook.js")));
export const expireOpportunity = onRequest(taskTarget, lazy(() => import("./triggers/tasks/expire-opportunity.js")));
export const expireClaim = onRequest(taskTarget, lazy(() => import("./triggers/tasks/expire-claim.js")));
export const eraseUser = onRequest(taskTarget, lazy(() => import("./triggers/tasks/erase-user.js")));
export const autoApproveSubmission = onRequest(taskTarget, lazy(() => import("./triggers/tasks/auto-approve-submission.js")));
export const sendPayout = onRequest(payoutTaskTarget, lazy(() => import("./triggers/tasks/send-payout.js")));

export const issueRewards = onMessagePublished(subscriber("issueRewards"), lazy(() => import("./triggers/pubsub/issue-rewards.js")));
export const fanOutWebhooks = onMessagePublished(subscriber("fanOutWebhooks"), lazy(() => import("./triggers/pubsub/fan-out-webhooks.js")));
export const completeOpportunities = onMessagePublished(subscriber("completeOpportunities"), lazy(() => import("./triggers/pubsub/complete-opportunities.js")));
// Emails go out at a pace the SMTP relay takes: few instances, within the connection budget.
export const notifyByEmail = onMessagePublished({ ...subscriber("notifyByEmail"), secrets: [mongoUri, mailSmtpPassword, emailLinkSecret], maxInstances: 3 }, lazy(() => import("./triggers/pubsub/notify-by-email.js")));

// The safety nets: events a crash left in an outbox are relayed within minutes, and every
// invariant is checked, repaired where safe and reported (app/reconciliation/reconcile.ts).
// A schedule fires one run at a time: one instance each, which keeps 19 pools per job out of
// the Atlas connection budget (terraform/test/connection-budget.test.ts).
export const sweepOutboxes = onSchedule({ schedule: declaredSchedule("sweepOutboxes").schedule, secrets: [mongoUri], retryCount: 0, maxInstances: 1 }, lazy(() => import("./triggers/scheduler/sweep-outboxes.js")));
export const rewrapDataKeys = onSchedule({ schedule: declaredSchedule("rewrapDataKeys").schedule, secrets: [mongoUri], retryCount: 0, maxInstances: 1 }, lazy(() => import("./triggers/scheduler/rewrap-data-keys.js")));
export const expirePoints = onSchedule({ schedule: declaredSchedule("expirePoints").schedule, secrets: [mongoUri], retryCount: 0, maxInstances: 1 }, lazy(() => import("./triggers/scheduler/expire-points.js")));
export const purgeWebhookPayloads = onSchedule({ schedule: declaredSchedule("purgeWebhookPayloads").schedule, secrets: [mongoUri], retryCount: 0, maxInstances: 1 }, lazy(() => import("./triggers/scheduler/purge-webhook-payloads.js")));
// It binds the SMTP password and the link secret too: a delivery it repairs may be an email (app/events/consumers.ts).
export const reconcile = onSchedule({ schedule: declaredSchedule("reconcile").schedule, secrets: [mongoUri, mailSmtpPassword, emailLinkSecret], retryCount: 0, maxInstances: 1, timeoutSeconds: 540 }, lazy(() => import("./triggers/scheduler/reconcile.js")));
