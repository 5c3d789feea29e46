import { defineSecret, defineString } from "firebase-functions/params";

// The one place that reads params and environment. Values are read when an instance starts
// serving, never at deploy-time module load.

/** Connection string of the MongoDB deployment; carries credentials, so it is a secret. */
export const mongoUri = defineSecret("MONGODB_URI");
export const mongoDatabase = defineString("MONGODB_DATABASE", { default: "userx" });
export const tasksLocation = defineString("TASKS_LOCATION", { default: "us-central1" });
/** Base URL Cloud Tasks calls task handlers at; empty means this project's cloudfunctions.net URL. */
export const functionsBaseUrl = defineString("FUNCTIONS_BASE_URL", { default: "" });
/**
 * Comma-separated hosts webhooks may reach whatever they resolve to, over plain HTTP too: the
 * local platform's loopback receivers. Only `demo-` (emulator) projects may set it.
 */
export const webhookDestinationAllowlist = defineString("WEBHOOK_DESTINATION_ALLOWLIST", { default: "" });
/** Service account whose OIDC token Cloud Tasks presents to the private task handlers. */
export const tasksInvoker = defineString("TASKS_INVOKER_SERVICE_ACCOUNT", { default: "" });

/** Region of every function; Hosting rewrites name it too. */
export const region = "us-central1";
/**
 * Cloud KMS crypto key that wraps the data keys of secrets stored encrypted (webhook signing
 * secrets); empty means `projects/<project>/locations/<region>/keyRings/userx/cryptoKeys/secrets`.
 */
export const kmsKeyName = defineString("KMS_KEY_NAME", { default: "" });

export interface RuntimeConfig {
  projectId: string;
  mongo: { uri: string; database: string };
  kms: { keyName: string; emulatorHost: string | undefined };
  tasks: { location: string; emulatorHost: string | undefined; functionsBaseUrl: string; invokerServiceAccount: string | undefined };
  webhooks: { allowlist: string[] };
}

export function readRuntimeConfig(): RuntimeConfig {
  const projectId = process.env.GCLOUD_PROJECT ?? process.env.GOOGLE_CLOUD_PROJECT;
  if (!projectId) throw new Error("GCLOUD_PROJECT is not set");
  return {
    projectId,
    mongo: { uri: mongoUri.value(), database: mongoDatabase.value() },
    kms: {
      keyName: kmsKeyName.value() || `projects/${projectId}/locations/${region}/keyRings/userx/cryptoKeys/secrets`,
      // Cloud KMS clients have no emulator switch of their own, as with TASKS_EMULATOR_HOST.
      emulatorHost: process.env.KMS_EMULATOR_HOST,
    },
    tasks: {
      location: tasksLocation.value(),
      // The Cloud Tasks client has no emulator switch of its own, unlike Pub/Sub's
      // PUBSUB_EMULATOR_HOST; and firebase-tools overwrites CLOUD_TASKS_EMULATOR_HOST with the port
      // of its own task-queue emulator, hence a name of ours.
      emulatorHost: process.env.TASKS_EMULATOR_HOST,
      functionsBaseUrl: functionsBaseUrl.value() || `https://${region}-${projectId}.cloudfunctions.net`,
      invokerServiceAccount: tasksInvoker.value() || undefined,
    },
    webhooks: webhookSettings(projectId, webhookDestinationAllowlist.value()),
  };
}

/** The webhook settings; an allowlist outside a `demo-` project stops the functions from starting. */
export function webhookSettings(projectId: string, allowlist: string): RuntimeConfig["webhooks"] {
  const hosts = allowlist.split(",").map((host) => host.trim()).filter((host) => host !== "");
  if (hosts.length > 0 && !projectId.startsWith("demo-")) {
    throw new Error(
      `WEBHOOK_DESTINATION_ALLOWLIST (${hosts.join(", ")}) lets webhooks reach those hosts past the destination guard; ` +
        `it is for the local platform's demo- projects only, and project ${projectId} is not one: remove it from this project's environment`,
    );
  }
  return { allowlist: hosts };
}
