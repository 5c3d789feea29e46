import { defineSecret, defineString } from "firebase-functions/params";
import { z } from "zod";

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
/** Service account whose OIDC token Cloud Tasks presents to the private task handlers; required. */
export const tasksInvoker = defineString("TASKS_INVOKER_SERVICE_ACCOUNT", { default: "" });
/** Demo projects only: the Cloud Tasks emulator's OIDC issuer (`http://host:port`), trusted instead of Google for task tokens. */
export const tasksEmulatorIssuer = defineString("TASKS_EMULATOR_OIDC_ISSUER", { default: "" });

/**
 * `on` lets the chaos suite inject failures at named points of the functions (a subscriber that
 * fails N times, for one): the local platform's demo- projects only.
 */
export const faultInjection = defineString("FAULT_INJECTION", { default: "off" });

/**
 * Seconds reconciliation leaves the normal path to finish before it judges: an event, a claim or
 * a reward younger than this is not checked yet. The local platform shortens it, to show repairs
 * within a minute or two.
 */
export const reconcileGraceSeconds = defineString("RECONCILE_GRACE_SECONDS", { default: "300" });

/**
 * Seconds a pending webhook message may see nothing happen before reconciliation gives it a
 * delivery task again: past the delivery queue's longest backoff (640 s) and the breaker's longest
 * cool-down (300 s). The local platform shortens it, as its Cloud Tasks server forgets its tasks
 * when it restarts.
 */
export const webhookStalledAfterSeconds = defineString("WEBHOOK_STALLED_AFTER_SECONDS", { default: "1200" });

/**
 * Test-only: divides every wait of the webhook retry schedule (and the 5 days after which a
 * failing endpoint is disabled), so that an end-to-end run plays the whole schedule in seconds
 * through the real Cloud Tasks emulator: 3600 makes an hour a second. 1 (no scale) outside the
 * local platform's demo- projects, which refuse anything else.
 */
export const webhookTimeScale = defineString("WEBHOOK_TIME_SCALE", { default: "1" });

/**
 * Days after which earned points expire: a platform setting, because a participant's points from
 * every organization form one balance spent oldest first. Each earn entry stores its own expiry
 * when it is written, so changing the setting never moves points already earned.
 */
export const pointsExpireAfterDays = defineString("POINTS_EXPIRE_AFTER_DAYS", { default: "365" });
/**
 * The Redis the API's rate limits count in (Memorystore in production, reached through the VPC
 * connector; the local platform's redis-server). Empty: each instance counts alone, in memory.
 */
export const redisUrl = defineString("REDIS_URL", { default: "" });
/** Multiplies every caller's rate limits (domain/identity/rate-limits.ts); the per-address limit on refused credentials stays. */
export const rateLimitCallerScale = defineString("RATE_LIMIT_CALLER_SCALE", { default: "1" });
/**
 * Comma-separated origins (`https://partner.example`) whose browsers may call the API with a bearer
 * token (CORS). Empty: none; the web app is same-origin behind Hosting and needs none.
 */
export const corsAllowedOrigins = defineString("CORS_ALLOWED_ORIGINS", { default: "" });
/** The payouts provider's API key (Tremendous; the sandbox server's locally): bound only to the functions that call it. */
export const payoutsApiKey = defineSecret("PAYOUTS_API_KEY");
/** The private key Tremendous signs its webhooks with. */
export const payoutsWebhookSecret = defineSecret("PAYOUTS_WEBHOOK_SECRET");
/** Base of the payouts provider's API: Tremendous' sandbox unless a deploy names production (or, locally, tools/payouts-sandbox.mjs). */
export const payoutsApiUrl = defineString("PAYOUTS_API_URL", { default: "https://testflight.tremendous.com/api/v2" });
export const payoutsFundingSource = defineString("PAYOUTS_FUNDING_SOURCE", { default: "balance" });
/** The Tremendous catalogue product cash is paid with; required to send payouts. */
export const payoutsProductId = defineString("PAYOUTS_PRODUCT_ID", { default: "" });
/** Milliseconds one request to the provider may take; a slower one counts as failed and is retried under the same key. */
export const payoutsTimeoutMs = defineString("PAYOUTS_TIMEOUT_MS", { default: "10000" });

/** Cloudinary's cloud and API key: settings, not secrets (the key names the account; the secret signs). */
export const cloudinaryCloudName = defineString("CLOUDINARY_CLOUD_NAME", { default: "" });
export const cloudinaryApiKey = defineString("CLOUDINARY_API_KEY", { default: "" });
/** The secret Cloudinary signs with, and checks our signatures with: bound only to the media function. */
export const cloudinaryApiSecret = defineSecret("CLOUDINARY_API_SECRET");
/** Cloudinary's API origin; locally tools/media-server.mjs. */
export const cloudinaryApiUrl = defineString("CLOUDINARY_API_URL", { default: "https://api.cloudinary.com" });
/** The public URL Cloudinary posts upload notifications to: the media function behind Hosting. */
export const mediaNotificationUrl = defineString("MEDIA_NOTIFICATION_URL", { default: "" });

/**
 * The moderation add-on every picture is uploaded with (`aws_rek`: Cloudinary's Amazon Rekognition
 * add-on, which must be enabled on the account, else Cloudinary refuses the upload); empty: none.
 * Locally the media server stands in for it.
 */
export const cloudinaryImageModeration = defineString("CLOUDINARY_IMAGE_MODERATION", { default: "" });

/** Read by the media function when its instance starts. */
export function readMediaConfig(): { cloudName: string; apiKey: string; apiSecret: string; apiUrl: string; notificationUrl: string; imageModeration: string } {
  const cloudName = cloudinaryCloudName.value();
  const apiKey = cloudinaryApiKey.value();
  const notificationUrl = mediaNotificationUrl.value();
  if (!cloudName || !apiKey || !notificationUrl) throw new Error("CLOUDINARY_CLOUD_NAME, CLOUDINARY_API_KEY and MEDIA_NOTIFICATION_URL must be set for media uploads");
  return { cloudName, apiKey, apiSecret: cloudinaryApiSecret.value(), apiUrl: cloudinaryApiUrl.value().replace(/\/+$/, ""), notificationUrl, imageModeration: cloudinaryImageModeration.value() };
}

export interface PayoutsConfig {
  baseUrl: string;
  apiKey: string;
  webhookSecret: string;
  fundingSource: string;
  productId: string;
  timeoutMs: number;
}

/** Read by the functions that reach the payouts provider, when their instance starts. */
export function readPayoutsConfig(): PayoutsConfig {
  const productId = payoutsProductId.value();
  if (!productId) throw new Error("PAYOUTS_PRODUCT_ID is not set: cash payouts need the Tremendous product they are paid with");
  return {
    baseUrl: payoutsApiUrl.value().replace(/\/+$/, ""),
    apiKey: payoutsApiKey.value(),
    webhookSecret: payoutsWebhookSecret.value(),
    fundingSource: payoutsFundingSource.value() || "balance",
    productId,
    timeoutMs: Number(payoutsTimeoutMs.value() || "10000"),
  };
}

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
  tasks: { location: string; emulatorHost: string | undefined; functionsBaseUrl: string };
  webhooks: { allowlist: string[]; timeScale: number };
  faultInjection: boolean;
  reconcile: { graceSeconds: number; webhookStalledAfterSeconds: number };
  points: { expireAfterDays: number };
  redisUrl: string | undefined;
  rateLimitCallerScale: number;
  corsOrigins: string[];
}

export function readRuntimeConfig(): RuntimeConfig {
  const projectId = process.env.GCLOUD_PROJECT ?? process.env.GOOGLE_CLOUD_PROJECT;
  if (!projectId) throw new Error("GCLOUD_PROJECT is not set");
  assertNoEmulatorsOutsideDemo(projectId, process.env);
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
    },
    webhooks: webhookSettings(projectId, webhookDestinationAllowlist.value(), webhookTimeScale.value()),
    faultInjection: faultInjectionSetting(projectId, faultInjection.value()),
    reconcile: {
      graceSeconds: Number(reconcileGraceSeconds.value() || "300"),
      webhookStalledAfterSeconds: Number(webhookStalledAfterSeconds.value() || "1200"),
    },
    points: { expireAfterDays: pointsExpiryDays(pointsExpireAfterDays.value()) },
    redisUrl: redisUrl.value() || undefined,
    rateLimitCallerScale: positiveNumber("RATE_LIMIT_CALLER_SCALE", rateLimitCallerScale.value() || "1"),
    corsOrigins: corsOriginsSetting(projectId, corsAllowedOrigins.value()),
  };
}

function positiveNumber(name: string, setting: string): number {
  const value = Number(setting);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} is ${setting}; it is a positive number`);
  return value;
}

/** The points expiry setting: a whole number of days from 1 to 3650; empty (outside the Functions runtime) is the default. */
export function pointsExpiryDays(setting: string): number {
  if (setting === "") return 365;
  const days = Number(setting);
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new Error(`POINTS_EXPIRE_AFTER_DAYS is ${setting}; it is a whole number of days from 1 to 3650`);
  return days;
}

/**
 * Variables that point a client at an emulator instead of Google: the Firebase Admin SDK, for one,
 * accepts unsigned ID tokens when FIREBASE_AUTH_EMULATOR_HOST is set. The local platform sets them
 * in its `demo-` project; anywhere else one of them would be a door left open.
 */
export const emulatorVariables = [
  "FIREBASE_AUTH_EMULATOR_HOST",
  "FIRESTORE_EMULATOR_HOST",
  "FIREBASE_DATABASE_EMULATOR_HOST",
  "FIREBASE_STORAGE_EMULATOR_HOST",
  "PUBSUB_EMULATOR_HOST",
  "CLOUD_TASKS_EMULATOR_HOST",
  "TASKS_EMULATOR_HOST",
  "KMS_EMULATOR_HOST",
  "FUNCTIONS_EMULATOR",
] as const;

/** Stops the functions from starting in a project that is not a `demo-` one while any emulator variable is set. */
export function assertNoEmulatorsOutsideDemo(projectId: string, env: Readonly<Record<string, string | undefined>>): void {
  if (projectId.startsWith("demo-")) return;
  const set = emulatorVariables.filter((name) => (env[name] ?? "") !== "");
  if (set.length > 0) {
    throw new Error(`${set.join(", ")} ${set.length === 1 ? "points" : "point"} a client at an emulator; they are for the local platform's demo- projects only, and project ${projectId} is not one: remove them from this project's environment`);
  }
}

/**
 * The CORS origins: each exactly an origin (scheme, host, port; no path), over HTTPS outside the
 * local platform's demo- projects, whose browsers run on loopback.
 */
export function corsOriginsSetting(projectId: string, setting: string): string[] {
  const origins = setting.split(",").map((origin) => origin.trim()).filter((origin) => origin !== "");
  for (const origin of origins) {
    const parsed = URL.canParse(origin) ? new URL(origin) : undefined;
    if (parsed?.origin !== origin) throw new Error(`CORS_ALLOWED_ORIGINS names ${origin}, which is not an origin such as https://partner.example (scheme, host and port only)`);
    if (parsed.protocol !== "https:" && !projectId.startsWith("demo-")) throw new Error(`CORS_ALLOWED_ORIGINS names ${origin}; outside the local platform's demo- projects origins use HTTPS`);
  }
  return origins;
}

/** The webhook settings; an allowlist outside a `demo-` project stops the functions from starting. */
export function webhookSettings(projectId: string, allowlist: string, timeScale = ""): RuntimeConfig["webhooks"] {
  const hosts = allowlist.split(",").map((host) => host.trim()).filter((host) => host !== "");
  if (hosts.length > 0 && !projectId.startsWith("demo-")) {
    throw new Error(
      `WEBHOOK_DESTINATION_ALLOWLIST (${hosts.join(", ")}) lets webhooks reach those hosts past the destination guard; ` +
        `it is for the local platform's demo- projects only, and project ${projectId} is not one: remove it from this project's environment`,
    );
  }
  return { allowlist: hosts, timeScale: timeScaleSetting(projectId, timeScale) };
}

/** The webhook time scale; anything but 1 outside a `demo-` project stops the functions from starting. */
export function timeScaleSetting(projectId: string, setting: string): number {
  // Outside the Functions runtime (the migration command) a param's default is not applied.
  const scale = setting.trim() === "" ? 1 : Number(setting);
  if (!Number.isFinite(scale) || scale < 1) throw new Error(`WEBHOOK_TIME_SCALE is ${setting}; it is a number, 1 or more`);
  if (scale !== 1 && !projectId.startsWith("demo-")) {
    throw new Error(`WEBHOOK_TIME_SCALE=${setting} shortens every webhook retry; it is for the local platform's demo- projects only, and project ${projectId} is not one`);
  }
  return scale;
}

/** Whether faults may be injected; anything but `off` outside a `demo-` project stops the functions from starting. */
export function faultInjectionSetting(projectId: string, setting: string): boolean {
  // Outside the Functions runtime (the migration command) a param's default is not applied.
  if (setting === "") return false;
  if (setting !== "on" && setting !== "off") throw new Error(`FAULT_INJECTION is ${setting}; it is on or off`);
  if (setting === "on" && !projectId.startsWith("demo-")) {
    throw new Error(`FAULT_INJECTION=on lets anyone with database access make the functions fail; it is for the local platform's demo- projects only, and project ${projectId} is not one`);
  }
  return setting === "on";
}

/** Who may call the task handlers: tasks carry an OIDC token for `serviceAccount`, signed by `issuer`. */
export interface TaskInvokerConfig {
  serviceAccount: string;
  /** Base of the handlers' URLs: a token's audience must be the URL of the handler it is sent to. */
  functionsBaseUrl: string;
  /** Google in every real project; the Cloud Tasks emulator's own issuer only in a `demo-` project that names it. */
  issuer: { kind: "google" } | { kind: "emulator"; url: string };
}

/** Read by every function that enqueues or handles tasks, when its instance starts; see taskInvokerSettings. */
export function readTaskInvokerConfig(runtime: RuntimeConfig): TaskInvokerConfig {
  return taskInvokerSettings(runtime.projectId, runtime.tasks.functionsBaseUrl, tasksInvoker.value(), tasksEmulatorIssuer.value());
}

/**
 * The task handlers' callers. An empty service account stops the functions from starting: tasks
 * would carry no token and every handler would refuse them. The emulator's issuer is refused
 * outside a `demo-` project, so production trusts Google-signed tokens only. Kept apart from
 * readRuntimeConfig, which the migration command and the health check use without tasks.
 */
export function taskInvokerSettings(projectId: string, functionsBaseUrl: string, serviceAccount: string, emulatorIssuer: string): TaskInvokerConfig {
  if (!serviceAccount) {
    throw new Error(
      "TASKS_INVOKER_SERVICE_ACCOUNT is not set: Cloud Tasks signs every task's OIDC token as this service account, " +
        "and the task handlers refuse any task without a token for it (functions/.env.local sets one for the local platform)",
    );
  }
  if (emulatorIssuer && !projectId.startsWith("demo-")) {
    throw new Error(
      `TASKS_EMULATOR_OIDC_ISSUER (${emulatorIssuer}) makes the task handlers trust the Cloud Tasks emulator's tokens; ` +
        `it is for the local platform's demo- projects only, and project ${projectId} is not one: remove it from this project's environment`,
    );
  }
  return { serviceAccount, functionsBaseUrl, issuer: emulatorIssuer ? { kind: "emulator", url: emulatorIssuer } : { kind: "google" } };
}

/** The SMTP relay's password (the email provider's SMTP credential): bound only to the function that sends email. */
export const mailSmtpPassword = defineSecret("MAIL_SMTP_PASSWORD");
export const mailSmtpHost = defineString("MAIL_SMTP_HOST", { default: "" });
/** 587 with STARTTLS by default, as most providers' relays take submissions. */
export const mailSmtpPort = defineString("MAIL_SMTP_PORT", { default: "587" });
/** `starttls`, `tls` or `none`; `none` (no encryption) is refused outside the local platform's demo- projects. */
export const mailSmtpSecurity = defineString("MAIL_SMTP_SECURITY", { default: "starttls" });
export const mailSmtpUser = defineString("MAIL_SMTP_USER", { default: "" });
/** The From of every email, e.g. `User-X <notifications@example.com>`; required to send email. */
export const mailFrom = defineString("MAIL_FROM", { default: "" });
/**
 * Signs the one-click unsubscribe links of emails (HMAC-SHA256; at least 32 characters): bound to
 * the functions that write them (notifyByEmail, reconcile) and to the one that checks them (organizations).
 */
export const emailLinkSecret = defineSecret("EMAIL_LINK_SECRET");
/** The participant app's public address, for the links in emails (locally, Hosting's). */
export const appBaseUrl = defineString("APP_BASE_URL", { default: "" });
/** Milliseconds the relay may take to connect, greet or answer; slower counts as unavailable and is retried. */
export const mailTimeoutMs = defineString("MAIL_TIMEOUT_MS", { default: "10000" });

const MailSettings = z.object({
  host: z.string().min(1, "MAIL_SMTP_HOST is not set"),
  port: z.coerce.number().int().min(1).max(65535),
  security: z.enum(["tls", "starttls", "none"]),
  user: z.string(),
  password: z.string(),
  from: z.string().min(3, "MAIL_FROM is not set"),
  timeoutMs: z.coerce.number().int().positive(),
});
export type MailSettings = z.infer<typeof MailSettings>;

/** Read by the function that sends email, when its instance starts; unencrypted SMTP only on the local platform. */
export function readMailSettings(projectId: string): MailSettings {
  const settings = MailSettings.parse({
    host: mailSmtpHost.value(),
    port: mailSmtpPort.value(),
    security: mailSmtpSecurity.value(),
    user: mailSmtpUser.value(),
    password: mailSmtpPassword.value(),
    from: mailFrom.value(),
    timeoutMs: mailTimeoutMs.value(),
  });
  if (settings.security === "none" && !projectId.startsWith("demo-")) {
    throw new Error("MAIL_SMTP_SECURITY=none is for the local platform's demo- projects only");
  }
  return settings;
}
