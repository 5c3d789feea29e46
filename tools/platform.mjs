// The local cloud platform: starts every server User-X needs on this machine, waits until each
// one answers, and stops them all (process groups included) on request. Used by `npm start`
// and `npm test` alike, so tests run against exactly what a developer runs.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import net from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { startControlServer } from "./control-server.mjs";
import { ensureRedis, redisServerPath } from "./install.mjs";
import { binDir, localDir, logDir, repoRoot, run } from "./process.mjs";
import { pubsubProvisionPath, writePubsubProvision } from "./pubsub-provision.mjs";
import { startScheduler } from "./scheduler.mjs";

export const projectId = "demo-userx";
export const region = "us-central1";

/** Every address of the local platform; the embedded defaults `npm start` runs on. */
export const endpoints = {
  hosting: "127.0.0.1:5000",
  functions: "127.0.0.1:5001",
  auth: "127.0.0.1:9099",
  hub: "127.0.0.1:4400",
  logging: "127.0.0.1:4500",
  mongo: "127.0.0.1:27017",
  pubsub: "127.0.0.1:8085",
  tasks: "127.0.0.1:8123",
  // The Cloud Tasks emulator's OIDC issuer: it signs each task's token with its own key and
  // serves that key at /jwks, where the task handlers check it (TASKS_EMULATOR_OIDC_ISSUER).
  tasksIssuer: "127.0.0.1:8124",
  kms: "127.0.0.1:8095",
  // Debian's redis-server, where the API's rate limits count (Memorystore in production).
  redis: "127.0.0.1:6390",
  // The payouts provider's sandbox (tools/payouts-sandbox.mjs), with Tremendous' API shape.
  payouts: "127.0.0.1:8097",
  // The Cloudinary-compatible media server (tools/media-server.mjs).
  media: "127.0.0.1:8098",
  // An organization's identity provider: oidc-provider with a test client (tools/oidc-provider.mjs).
  oidc: "127.0.0.1:8099",
  // Mailpit, the email provider's stand-in: SMTP for the functions, an HTTP API and web inbox for people and tests.
  smtp: "127.0.0.1:1025",
  mailpit: "127.0.0.1:8025",
  // The chaos suite kills and restarts servers through it (tools/control-server.mjs).
  control: "127.0.0.1:4600",
};

export const mongoUri = `mongodb://${endpoints.mongo}/?retryWrites=false`;

// The payouts sandbox's API key and webhook signing key: local values, known to the sandbox and
// to the functions (.secret.local), as Tremendous and our deploy's secrets would know them.
const payoutsSandboxApiKey = "TEST_local-payouts-sandbox-key";
const payoutsSandboxWebhookSecret = "local-payouts-sandbox-webhook-key";
// Mailpit accepts any SMTP credential; the functions still present one, as they would to a relay.
const mailSmtpPassword = "local-mailpit-password";

// The media server's cloud and credentials: local values, known to it and to the functions
// (.env.local, .secret.local), as Cloudinary and our deploy's secret would know them.
export const mediaCloudName = "userx-local";
const mediaApiKey = "814749268191234";
const mediaApiSecret = "local-media-server-secret";
// Signs the unsubscribe links of emails; fixed, so a link in Mailpit still works after a restart.
const emailLinkSecret = "local-email-link-secret-0123456789abcdef";

/** The environment a client of the local platform (a test, a script) needs. */
export const clientEnv = {
  GCLOUD_PROJECT: projectId,
  GOOGLE_CLOUD_PROJECT: projectId,
  METADATA_SERVER_DETECTION: "none",
  MONGODB_URI: mongoUri,
  MONGODB_DATABASE: "userx",
  TASKS_LOCATION: region,
  PUBSUB_EMULATOR_HOST: endpoints.pubsub,
  TASKS_EMULATOR_HOST: endpoints.tasks,
  KMS_EMULATOR_HOST: endpoints.kms,
  FIREBASE_AUTH_EMULATOR_HOST: endpoints.auth,
  USERX_BASE_URL: `http://${endpoints.hosting}`,
  USERX_FUNCTIONS_URL: `http://${endpoints.functions}/${projectId}/${region}`,
  USERX_PLATFORM_CONTROL_URL: `http://${endpoints.control}`,
  PAYOUTS_SANDBOX_URL: `http://${endpoints.payouts}`,
  REDIS_URL: `redis://${endpoints.redis}`,
  MEDIA_SERVER_URL: `http://${endpoints.media}`,
  MAILPIT_URL: `http://${endpoints.mailpit}`,
  OIDC_ISSUER_URL: `http://${endpoints.oidc}`,
  OIDC_PROVIDER_KEYS: `${localDir}/oidc-provider/keys.json`,
};

/** Where the local identity provider may send a sign-in back: the web app's callback page. */
export const oidcRedirectUris = [`http://${endpoints.hosting}/oidc/callback`, `http://localhost:${endpoints.hosting.split(":")[1]}/oidc/callback`];

const startTimeoutMs = 120_000;
const secondSignalAfterMs = 5_000;
const stopTimeoutMs = 15_000;

/**
 * The servers, in start order. `restartable` ones the chaos suite may kill and start again;
 * `afterRestart` puts back what a restart lost.
 */
function services() {
  return [
    {
      name: "mongo",
      command: `${binDir}/userx-mongo`,
      args: [`--listen-addr=${endpoints.mongo}`, `--state-dir=${localDir}/mongo`],
      readyPorts: [endpoints.mongo],
      restartable: true,
    },
    {
      name: "kms",
      command: `${binDir}/userx-kms`,
      args: [`--listen-addr=${endpoints.kms}`, `--state-dir=${localDir}/kms`],
      readyPorts: [endpoints.kms],
      restartable: true,
    },
    {
      name: "tasks",
      command: `${binDir}/cloud-tasks-emulator`,
      args: tasksEmulatorArgs(),
      readyPorts: [endpoints.tasks, endpoints.tasksIssuer],
      // It has no signal handling of its own, and a background process ignores SIGINT.
      stopSignal: "SIGTERM",
      restartable: true,
      // It keeps its queues in memory: the migration creates them again.
      afterRestart: migrate,
    },
    {
      name: "redis",
      command: redisServerPath,
      // A cache of counters: nothing is kept on disk.
      args: ["--bind", endpoints.redis.split(":")[0], "--port", endpoints.redis.split(":")[1], "--save", "", "--appendonly", "no", "--protected-mode", "no"],
      readyPorts: [endpoints.redis],
      restartable: true,
    },
    {
      name: "payouts",
      command: process.execPath,
      args: [
        `${repoRoot}/tools/payouts-sandbox.mjs`,
        `--listen=${endpoints.payouts}`,
        `--api-key=${payoutsSandboxApiKey}`,
        `--webhook-secret=${payoutsSandboxWebhookSecret}`,
        // Its webhook goes through Hosting, as Tremendous' would reach the rewrite.
        `--webhook-url=http://${endpoints.hosting}/v1/payout-provider/events`,
        `--state=${localDir}/payouts-sandbox/orders.json`,
      ],
      readyPorts: [endpoints.payouts],
      restartable: true,
    },
    {
      name: "media",
      command: process.execPath,
      args: [
        `${repoRoot}/tools/media-server.mjs`,
        `--listen=${endpoints.media}`,
        `--cloud-name=${mediaCloudName}`,
        `--api-key=${mediaApiKey}`,
        `--api-secret=${mediaApiSecret}`,
        `--storage=${localDir}/media`,
        // Its notifications reach the functions through Hosting, as Cloudinary's reach the rewrite.
        `--notify-origins=http://${endpoints.hosting}`,
      ],
      readyPorts: [endpoints.media],
      restartable: true,
    },
    {
      name: "oidc",
      command: process.execPath,
      args: [`${repoRoot}/tools/oidc-provider.mjs`, `--listen=${endpoints.oidc}`, `--keys=${localDir}/oidc-provider/keys.json`, ...oidcRedirectUris.map((uri) => `--redirect-uri=${uri}`)],
      readyPorts: [endpoints.oidc],
      restartable: true,
    },
    {
      // Every email the functions send lands in its inbox; nothing is relayed anywhere.
      name: "mailpit",
      command: `${binDir}/mailpit`,
      args: [
        `--smtp=${endpoints.smtp}`,
        `--listen=${endpoints.mailpit}`,
        `--database=${localDir}/mailpit/mailpit.db`,
        // Loopback, no TLS: the functions' SMTP adapter sends without credentials locally.
        "--smtp-auth-accept-any",
        "--smtp-auth-allow-insecure",
        "--smtp-disable-rdns",
        "--disable-version-check",
      ],
      readyPorts: [endpoints.smtp, endpoints.mailpit],
      restartable: true,
    },
    {
      // Ours, not firebase-tools': firebase-tools would subscribe and deliver itself, acknowledging
      // every message even when the function failed. userx-pubsub pushes to the functions as
      // Eventarc does, with each subscription's retry and dead-letter policy, and provisions its
      // topics and subscriptions at every start (tools/pubsub-provision.mjs).
      name: "pubsub",
      command: `${binDir}/userx-pubsub`,
      args: [`--host=${endpoints.pubsub.split(":")[0]}`, `--port=${endpoints.pubsub.split(":")[1]}`, `--provision=${pubsubProvisionPath}`],
      readyLine: /ready, listening/,
      readyPorts: [endpoints.pubsub],
      restartable: true,
    },
    {
      name: "firebase",
      command: `${repoRoot}/node_modules/.bin/firebase`,
      args: ["emulators:start", "--only", "auth,functions,hosting", "--project", projectId],
      env: {
        FIREBASE_CLI_DISABLE_UPDATE_CHECK: "true",
        ...functionsEmulatorEnv(),
      },
      readyLine: /All emulators ready/,
      readyPorts: [endpoints.hosting, endpoints.functions, endpoints.auth],
    },
  ];
}

/**
 * What the Functions emulator needs to hold a burst on a small machine. It serves each invocation
 * in flight in a Node process of its own (a worker) and boots a new worker whenever the function
 * has no idle one; a boot costs one to two seconds of CPU and about 180 MB (measured: about half of
 * it firebase-tools' own runtime, then firebase-admin, the Google Cloud clients, mongodb and our
 * bundle). Booting them all at once is what breaks: at the default of 50 invocations in parallel,
 * 50 participants at once (chaos/00-cold-burst) had claims, subscriber pushes and tasks boot workers
 * together until boots outran their timeout on 2 cores ("Failed to load function.": 504s in one
 * run, 20 retried claims in the next). At 24 the same burst queues the rest inside the emulator
 * and reuses the workers that have booted: no 504 (0 and 8 retried claims in two runs). 24 still leaves room beside the 12
 * webhook attempts the local webhook-delivery queue may hold open on endpoints that never answer
 * (chaos/noisy-neighbours), and 24 claims racing at once for e2e/claim-capacity.
 */
function functionsEmulatorEnv() {
  return {
    // Seconds the emulator waits for a worker to boot (default 30). When they run out it logs
    // "Failed to load function." and drops the invocation without an answer: through Hosting the
    // client gets a 504 after Hosting's own 60 s, and a Pub/Sub delivery is acknowledged
    // unhandled. 60 s is as long as Hosting waits for any function.
    FUNCTIONS_DISCOVERY_TIMEOUT: "60",
    FUNCTIONS_EMULATOR_PARALLEL: "24",
    NODE_OPTIONS: [process.env.NODE_OPTIONS, `--require "${firebasePreloadPath}"`].filter(Boolean).join(" "),
  };
}

// Preloaded through NODE_OPTIONS into firebase-tools and the Node processes it starts: every HTTP
// server there (the function workers', and in firebase-tools itself the Functions emulator's and
// Hosting's) never closes an idle kept-alive connection, and leaves that to its client.
// - firebase-tools sends each invocation to its worker over a kept-alive connection (Node's global
//   agent), and lets an idle one go 1 s before the worker's server would close it (5 s). When a
//   burst of boots keeps firebase-tools' event loop more than that second late, it writes an
//   invocation into a connection the worker has just closed: EPIPE, a 500 to the client, and the
//   worker killed, so that the next invocation boots another.
// - Hosting's rewrite proxies each request to the Functions emulator with fetch (undici, idle
//   connections kept 4 s) in the same process as the emulator's own server (5 s). In a burst that
//   event loop runs seconds late, the server's timer closes a connection the proxy has just
//   picked, and the POST fails as "[PROXY ERROR] ... An internal error occurred while proxying": a
//   500 that no function ever saw (e2e/claim-capacity, one claim of 200).
// A server that never closes an idle connection leaves the closing to the client, which never
// writes into a connection it closed itself. (Closing every connection after one invocation
// instead made the claims burst a fifth slower on 2 cores.)
const firebasePreloadPath = `${localDir}/firebase-preload.cjs`;
const firebasePreload = `// Written by tools/platform.mjs, which says why.
if (/functionsEmulatorRuntime|firebase/.test(process.argv[1] ?? "")) {
  const http = require("node:http");
  const listen = http.Server.prototype.listen;
  http.Server.prototype.listen = function (...args) {
    this.keepAliveTimeout = 0;
    return listen.apply(this, args);
  };
}
`;

function tasksEmulatorArgs() {
  const [host, port] = endpoints.tasks.split(":");
  return [`-host=${host}`, `-port=${port}`, `-openid-issuer=http://${endpoints.tasksIssuer}`];
}

/** Creates the database indexes and task queues, as a deploy does before traffic moves. */
export async function migrate() {
  await run("node", [`${repoRoot}/functions/lib/migrate.js`], { env: clientEnv });
}

/** Builds what the servers run: the Go emulators (cached), the functions and the site. */
export async function buildPlatform() {
  await ensureRedis();
  await run("bash", [`${repoRoot}/tools/build-go.sh`]);
  await run("npm", ["run", "--silent", "build", "--workspaces"]);
}

/**
 * Starts every server and resolves once all of them answer. The returned `stop` ends them all;
 * it is also bound to SIGINT and SIGTERM, so Ctrl-C leaves nothing running.
 */
export async function startPlatform({ onLine } = {}) {
  await mkdir(logDir, { recursive: true });
  await mkdir(`${localDir}/mailpit`, { recursive: true });
  await writeEmulatorSecrets();
  await writeFile(firebasePreloadPath, firebasePreload);
  await writePubsubProvision({ projectId, region, functionsHost: endpoints.functions });
  await assertPortsFree();
  const declared = services();
  const started = [];
  let scheduler;
  let control;
  const stop = async () => {
    scheduler?.stop();
    await control?.stop();
    await Promise.all([...started].reverse().map(stopService));
  };
  const onSignal = () => {
    void stop().then(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const track = (handle) => started.push(handle);
  const running = (name) => started.find((handle) => handle.name === name && !handle.exited);
  try {
    // Each server is tracked from the moment it is spawned, so a Ctrl-C while it is still
    // starting stops it too.
    for (const service of declared) {
      await startService(service, onLine, track);
    }
    scheduler = await startScheduler({ functionsUrl: clientEnv.USERX_FUNCTIONS_URL });
    control = await startControlServer(endpoints.control, {
      services: () => declared.map(({ name, restartable = false }) => ({ name, restartable, pid: running(name)?.child.pid ?? null, up: Boolean(running(name)) })),
      kill: async (name) => {
        const handle = running(name);
        if (!handle) return;
        signalGroup(handle.child.pid, "SIGKILL");
        await handle.exit;
      },
      start: async (name) => {
        if (running(name)) return;
        const service = declared.find((candidate) => candidate.name === name);
        await startService(service, onLine, track, { restart: true });
        await service.afterRestart?.();
      },
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    stop: async () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      await stop();
    },
  };
}

// The functions emulator reads secret values from .secret.local; locally the database URI holds none.
async function writeEmulatorSecrets() {
  await writeFile(
    `${repoRoot}/functions/.secret.local`,
    `MONGODB_URI=${mongoUri}\nPAYOUTS_API_KEY=${payoutsSandboxApiKey}\nPAYOUTS_WEBHOOK_SECRET=${payoutsSandboxWebhookSecret}\n` +
      `CLOUDINARY_API_SECRET=${mediaApiSecret}\nMAIL_SMTP_PASSWORD=${mailSmtpPassword}\n` +
      `EMAIL_LINK_SECRET=${emailLinkSecret}\n`,
  );
}

async function assertPortsFree() {
  const busy = [];
  for (const [name, address] of Object.entries(endpoints)) {
    if (await isListening(address)) busy.push(`${name} (${address})`);
  }
  if (busy.length > 0) {
    throw new Error(`ports already in use: ${busy.join(", ")}; is another \`npm start\` running?`);
  }
}

async function startService(service, onLine, track, { restart = false } = {}) {
  const logPath = `${logDir}/${service.name}.log`;
  // A server the chaos suite restarts appends to the log of its first life.
  const log = createWriteStream(logPath, { flags: restart ? "a" : "w" });
  // A process group of its own, so stopping it also stops whatever it spawned (Java, Go, workers).
  const child = spawn(service.command, service.args, {
    cwd: repoRoot,
    env: { ...process.env, ...clientEnv, ...service.env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const handle = { name: service.name, child, exited: false, stopSignal: service.stopSignal ?? "SIGINT" };
  const exit = new Promise((resolve) => {
    child.once("exit", (code, signal) => {
      handle.exited = true;
      resolve({ code, signal });
    });
    child.once("error", (error) => {
      handle.exited = true;
      resolve({ code: null, signal: null, error });
    });
  });
  handle.exit = exit;
  track(handle);
  let sawReadyLine = !service.readyLine;
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding("utf8");
    stream.on("data", (chunk) => {
      log.write(chunk);
      if (!sawReadyLine && service.readyLine.test(chunk)) sawReadyLine = true;
      onLine?.(service.name, chunk);
    });
  }
  const deadline = Date.now() + startTimeoutMs;
  while (!(sawReadyLine && (await allListening(service.readyPorts)))) {
    if (handle.exited) {
      const { code, signal, error } = await exit;
      throw new Error(
        `${service.name} exited during start-up (${error?.message ?? `code ${code}, signal ${signal}`}); ` +
          `last lines of ${logPath}:\n${await tail(logPath)}`,
      );
    }
    if (Date.now() > deadline) {
      throw new Error(`${service.name} did not become ready in ${startTimeoutMs / 1000} s; see ${logPath}:\n${await tail(logPath)}`);
    }
    await sleep(200);
  }
}

async function stopService(handle) {
  if (handle.exited) return;
  // firebase-tools shuts its emulators down on SIGINT, as on Ctrl-C, but first waits for running
  // functions; a second SIGINT makes it stop at once, still stopping the emulators it started.
  signalGroup(handle.child.pid, handle.stopSignal);
  if (!(await exitsWithin(handle, secondSignalAfterMs))) signalGroup(handle.child.pid, handle.stopSignal);
  if (!(await exitsWithin(handle, stopTimeoutMs))) signalGroup(handle.child.pid, "SIGKILL");
  await handle.exit;
  // Children of the group that outlived their parent go too.
  signalGroup(handle.child.pid, "SIGKILL");
}

function exitsWithin(handle, ms) {
  return Promise.race([handle.exit.then(() => true), sleep(ms).then(() => false)]);
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if (error.code !== "ESRCH") throw error;
  }
}

async function allListening(addresses) {
  const results = await Promise.all(addresses.map(isListening));
  return results.every(Boolean);
}

function isListening(address) {
  const [host, port] = address.split(":");
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port) });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function tail(path, lines = 30) {
  const text = await readFile(path, "utf8").catch(() => "");
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}
