import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import type { CloudTasksClient } from "@google-cloud/tasks";
import { OAuth2Client } from "google-auth-library";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cloudTaskQueue, taskRoutes } from "../../../src/adapters/tasks/cloud-task-queue.js";
import { taskInvokerSettings, type TaskInvokerConfig } from "../../../src/config.js";
import { DeliverWebhookTask, type TaskPayload } from "../../../src/contracts/tasks.js";
import type { HttpResponse } from "../../../src/http/http-types.js";
import { taskHandler } from "../../../src/triggers/tasks/task-handler.js";
import { taskAudience, taskTokenVerifier, type TaskTokenVerifier } from "../../../src/triggers/tasks/task-token.js";

// Task handlers accept a request only with a valid OIDC token: signed by the trusted issuer
// (Google, or in a demo project the Cloud Tasks emulator), unexpired, for the handler's own URL,
// and of the configured invoker's verified email. Anything else answers 401 or 403 and runs nothing.
// The tokens are real RS256 JWTs, checked by google-auth-library against keys this test serves.

const google = "https://accounts.google.com";
const invoker = "tasks-invoker@userx-prod.iam.gserviceaccount.com";
const base = "https://us-central1-userx-prod.cloudfunctions.net";
const functionName = taskRoutes["webhook.deliver.v1"].functionName;
const keyId = "key-1";

const rsa = () => generateKeyPairSync("rsa", { modulusLength: 2048 });
const trusted = rsa();
const stranger = rsa();
let keyServer: { url: string; close: () => Promise<void>; fail: boolean };

beforeAll(async () => {
  const pem = trusted.publicKey.export({ type: "spki", format: "pem" }).toString();
  // As the emulator publishes it: an "alg" of its own spelling, which the check must not rely on.
  const jwk = { ...trusted.publicKey.export({ format: "jwk" }), kid: keyId, use: "sig", alg: "RSA256" };
  const state = { fail: false };
  const server = createServer((req, res) => {
    if (state.fail) return void res.writeHead(500).end();
    const body = req.url === "/certs" ? { [keyId]: pem } : req.url === "/jwks" ? { keys: [jwk] } : undefined;
    res.writeHead(body ? 200 : 404, { "content-type": "application/json" }).end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  keyServer = Object.assign(state, { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
});

afterAll(() => keyServer.close());

function jwt(claims: Record<string, unknown>, key: KeyObject = trusted.privateKey, kid = keyId): string {
  const now = Math.floor(Date.now() / 1000);
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString("base64url");
  const payload = { iss: google, aud: taskAudience(base, functionName), email: invoker, email_verified: true, sub: "1234", iat: now, exp: now + 300, ...claims };
  const signed = `${encode({ alg: "RS256", typ: "JWT", kid })}.${encode(payload)}`;
  return `${signed}.${sign("sha256", Buffer.from(signed), key).toString("base64url")}`;
}

function googleVerifier(): TaskTokenVerifier {
  const config = taskInvokerSettings("userx-prod", base, invoker, "");
  return taskTokenVerifier(config, new OAuth2Client({ endpoints: { oauth2FederatedSignonPemCertsUrl: `${keyServer.url}/certs` } }));
}

function emulatorVerifier(): TaskTokenVerifier {
  return taskTokenVerifier(taskInvokerSettings("demo-userx", base, invoker, keyServer.url));
}

/** The deliverWebhook handler with `verifier`, recording what it ran and what it answered. */
async function call(verifier: TaskTokenVerifier, authorization?: string) {
  const ran: string[] = [];
  const handle = taskHandler({ functionName, schema: DeliverWebhookTask, tokens: () => verifier }, async ({ messageId }) => {
    ran.push(messageId);
    return "delivered";
  });
  const sent: { status?: number; body?: string } = {};
  const res: HttpResponse = {
    headersSent: false,
    status: (code) => ((sent.status = code), res),
    setHeader: () => res,
    send: (body) => ((sent.body = body), res),
  };
  const rawBody = Buffer.from(JSON.stringify({ kind: "webhook.deliver.v1", messageId: "msg_0000000000000001" }));
  // Everything Express hands a handler that any version of HttpRequest reads.
  const req = { method: "POST", url: "/", path: "/", query: {}, headers: authorization === undefined ? {} : { authorization }, rawBody };
  await handle(req, res);
  return { status: sent.status, body: JSON.parse(sent.body ?? "null"), ran };
}

describe("task handlers, with Google as the issuer (production)", () => {
  it("run a task that carries the invoker's Google-signed token for the handler's URL", async () => {
    expect(await call(googleVerifier(), `Bearer ${jwt({})}`)).toEqual({ status: 200, body: { outcome: "delivered" }, ran: ["msg_0000000000000001"] });
  });

  it.each([
    ["no Authorization header", undefined],
    ["a scheme other than Bearer", `Basic ${Buffer.from("a:b").toString("base64")}`],
    ["a token that is not a JWT", "Bearer not-a-token"],
    ["a token signed by another key", `Bearer ${jwt({}, stranger.privateKey)}`],
    ["a token of an unknown key id", `Bearer ${jwt({}, trusted.privateKey, "key-2")}`],
    ["a token for another handler's URL", `Bearer ${jwt({ aud: taskAudience(base, taskRoutes["outbox.relay.v1"].functionName) })}`],
    ["a token for another project's URL", `Bearer ${jwt({ aud: taskAudience("https://us-central1-elsewhere.cloudfunctions.net", functionName) })}`],
    ["an expired token", `Bearer ${jwt({ iat: Math.floor(Date.now() / 1000) - 3600, exp: Math.floor(Date.now() / 1000) - 1800 })}`],
    ["a token of another issuer", `Bearer ${jwt({ iss: "http://cloud-tasks-emulator" })}`],
  ])("refuse %s with 401 and run nothing", async (_, authorization) => {
    expect(await call(googleVerifier(), authorization)).toMatchObject({ status: 401, body: { code: "unauthenticated" }, ran: [] });
  });

  it.each([
    ["of another service account", { email: "someone@userx-prod.iam.gserviceaccount.com" }],
    ["whose email is not verified", { email_verified: false }],
    ["without an email", { email: undefined }],
  ])("refuse a valid token %s with 403 and run nothing", async (_, claims) => {
    expect(await call(googleVerifier(), `Bearer ${jwt(claims)}`)).toMatchObject({ status: 403, body: { code: "forbidden" }, ran: [] });
  });

  it("answer 503, for Cloud Tasks to retry, while Google's certificates cannot be fetched, and run nothing", async () => {
    keyServer.fail = true;
    try {
      expect(await call(googleVerifier(), `Bearer ${jwt({})}`)).toMatchObject({ status: 503, body: { code: "unavailable" }, ran: [] });
    } finally {
      keyServer.fail = false;
    }
  });
});

describe("task handlers, with the Cloud Tasks emulator as the issuer (demo projects)", () => {
  it("run a task that carries the emulator's token: same checks, the emulator's keys", async () => {
    expect(await call(emulatorVerifier(), `Bearer ${jwt({ iss: keyServer.url })}`)).toMatchObject({ status: 200, ran: ["msg_0000000000000001"] });
  });

  // Tokens are made per case: the issuer's URL is known only once the key server listens.
  it.each([
    ["no token", () => undefined, 401],
    ["a token of Google", () => `Bearer ${jwt({})}`, 401],
    ["a token signed by another key", () => `Bearer ${jwt({ iss: keyServer.url }, stranger.privateKey)}`, 401],
    ["a token for another handler's URL", () => `Bearer ${jwt({ iss: keyServer.url, aud: taskAudience(base, "relayOutbox") })}`, 401],
    ["a token of another service account", () => `Bearer ${jwt({ iss: keyServer.url, email: "someone@example.com" })}`, 403],
  ])("refuse %s", async (_, authorization, status) => {
    expect(await call(emulatorVerifier(), authorization())).toMatchObject({ status, ran: [] });
  });
});

describe("the task invoker settings", () => {
  it("are required: with no service account the functions do not start", () => {
    expect(() => taskInvokerSettings("userx-prod", base, "", "")).toThrow(/TASKS_INVOKER_SERVICE_ACCOUNT is not set/);
    expect(() => taskInvokerSettings("demo-userx", base, "", "http://127.0.0.1:8124")).toThrow(/TASKS_INVOKER_SERVICE_ACCOUNT is not set/);
  });

  it("trust the emulator's issuer in a demo project only", () => {
    expect(() => taskInvokerSettings("userx-prod", base, invoker, "http://127.0.0.1:8124")).toThrow(/demo- projects only/);
    expect(taskInvokerSettings("demo-userx", base, invoker, "http://127.0.0.1:8124")).toEqual<TaskInvokerConfig>({
      serviceAccount: invoker,
      functionsBaseUrl: base,
      issuer: { kind: "emulator", url: "http://127.0.0.1:8124" },
    });
    expect(taskInvokerSettings("userx-prod", base, invoker, "").issuer).toEqual({ kind: "google" });
  });

  it("name as each task's audience the URL its handler checks", async () => {
    const created: Array<{ url?: string; audience?: string; email?: string }> = [];
    const client = {
      queuePath: (project: string, location: string, queue: string) => `projects/${project}/locations/${location}/queues/${queue}`,
      createTask: async ({ task }: { task: { httpRequest: { url: string; oidcToken?: { audience?: string; serviceAccountEmail?: string } } } }) => {
        created.push({ url: task.httpRequest.url, audience: task.httpRequest.oidcToken?.audience, email: task.httpRequest.oidcToken?.serviceAccountEmail });
        return [{}];
      },
    } as unknown as CloudTasksClient;
    const queue = cloudTaskQueue(client, { projectId: "userx-prod", location: "us-central1", functionsBaseUrl: base, invokerServiceAccount: invoker });
    const payloads: TaskPayload[] = [
      { kind: "webhook.deliver.v1", messageId: "msg_0000000000000001" },
      { kind: "outbox.relay.v1", aggregate: "claim", id: "clm_0000000000000001" },
    ];

    for (const payload of payloads) await queue.enqueue(payload);

    expect(created).toEqual(
      payloads.map((payload) => {
        const audience = taskAudience(base, taskRoutes[payload.kind].functionName);
        return { url: audience, audience, email: invoker };
      }),
    );
  });
});
