import { defineBoolean, defineSecret, defineString } from "firebase-functions/params";

// The one place that reads params and environment. Values are read when an instance starts
// serving, never at deploy-time module load.

/** Connection string of the MongoDB deployment; carries credentials, so it is a secret. */
export const mongoUri = defineSecret("MONGODB_URI");
export const mongoDatabase = defineString("MONGODB_DATABASE", { default: "userx" });
export const tasksLocation = defineString("TASKS_LOCATION", { default: "us-central1" });
/** Base URL Cloud Tasks calls task handlers at; empty means this project's cloudfunctions.net URL. */
export const functionsBaseUrl = defineString("FUNCTIONS_BASE_URL", { default: "" });
/** Lets webhooks reach private addresses over plain HTTP: for the local platform only, never in production. */
export const webhookAllowLocal = defineBoolean("WEBHOOK_ALLOW_LOCAL_DESTINATIONS", { default: false });
/** Service account whose OIDC token Cloud Tasks presents to the private task handlers. */
export const tasksInvoker = defineString("TASKS_INVOKER_SERVICE_ACCOUNT", { default: "" });

/** Region of every function; Hosting rewrites name it too. */
export const region = "us-central1";

export interface RuntimeConfig {
  projectId: string;
  mongo: { uri: string; database: string };
  tasks: { location: string; emulatorHost: string | undefined; functionsBaseUrl: string; invokerServiceAccount: string | undefined };
  webhooks: { guardDestinations: boolean; requireHttps: boolean };
}

export function readRuntimeConfig(): RuntimeConfig {
  const projectId = process.env.GCLOUD_PROJECT ?? process.env.GOOGLE_CLOUD_PROJECT;
  if (!projectId) throw new Error("GCLOUD_PROJECT is not set");
  return {
    projectId,
    mongo: { uri: mongoUri.value(), database: mongoDatabase.value() },
    tasks: {
      location: tasksLocation.value(),
      // The Cloud Tasks client has no emulator switch of its own, unlike Pub/Sub's
      // PUBSUB_EMULATOR_HOST; and firebase-tools overwrites CLOUD_TASKS_EMULATOR_HOST with the port
      // of its own task-queue emulator, hence a name of ours.
      emulatorHost: process.env.TASKS_EMULATOR_HOST,
      functionsBaseUrl: functionsBaseUrl.value() || `https://${region}-${projectId}.cloudfunctions.net`,
      invokerServiceAccount: tasksInvoker.value() || undefined,
    },
    webhooks: { guardDestinations: !webhookAllowLocal.value(), requireHttps: !webhookAllowLocal.value() },
  };
}
