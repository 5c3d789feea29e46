// A sandbox payouts provider with the shape of Tremendous' REST API v2, for the local platform:
// orders created idempotently by `external_id`, rewards delivered a moment later, and a signed
// webhook (`Tremendous-Webhook-Signature: sha256=<hex HMAC-SHA256 of the body>`) for each delivery
// that succeeds or fails. It keeps every order it accepted (in memory, and in a JSON file under
// .local so a restart keeps them), and can be told to misbehave through its control routes:
//
//   POST   /_control/faults   {match?: {externalId?, recipientEmail?}, failNext?: {count, status},
//                              acceptThenHang?: {count, ms}, delayMs?, delivery?: "SUCCEEDED"|"FAILED"|"HOLD"}
//   DELETE /_control/faults   forget every fault
//   GET    /_control/orders   every order, with how many create requests each external_id got
//   POST   /_control/deliver  {externalId, status: "SUCCEEDED"|"FAILED"}: finish a held delivery
//   GET    /_control/webhooks every webhook attempt made
//
// A recipient email whose local part ends in `+fail` is never delivered (delivery FAILED).
import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import http from "node:http";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";

const { values: options } = parseArgs({
  options: {
    listen: { type: "string", default: "127.0.0.1:8097" },
    "api-key": { type: "string" },
    "webhook-secret": { type: "string" },
    "webhook-url": { type: "string" },
    state: { type: "string" },
    "delivery-delay-ms": { type: "string", default: "300" },
  },
});
for (const required of ["api-key", "webhook-secret", "webhook-url"]) {
  if (!options[required]) throw new Error(`--${required} is required`);
}
const deliveryDelayMs = Number(options["delivery-delay-ms"]);
const webhookAttempts = [0, 500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000];

const state = loadState();
/** Faults in the order they were set; each applies to the requests it matches until its counts run out. */
let faults = [];
const webhookLog = [];

function loadState() {
  if (options.state && existsSync(options.state)) return JSON.parse(readFileSync(options.state, "utf8"));
  return { orders: [], createRequests: {} };
}

function saveState() {
  if (!options.state) return;
  mkdirSync(dirname(options.state), { recursive: true });
  writeFileSync(`${options.state}.tmp`, JSON.stringify(state));
  renameSync(`${options.state}.tmp`, options.state);
}

const log = (message, fields = {}) => console.log(JSON.stringify({ time: new Date().toISOString(), message, ...fields }));
const tremendousId = () => randomBytes(6).toString("hex").toUpperCase();

function send(res, status, body) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

const refuse = (res, status, message, payload = {}) => send(res, status, { errors: { message, payload } });

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return text === "" ? {} : JSON.parse(text);
  } catch {
    return undefined;
  }
}

const faultMatches = (fault, order) =>
  (!fault.match?.externalId || fault.match.externalId === order.external_id) && (!fault.match?.recipientEmail || fault.match.recipientEmail === order.reward?.recipient?.email);

/** The first matching fault with `kind` left, its count taken. */
function takeFault(kind, body) {
  const fault = faults.find((candidate) => candidate[kind] && candidate[kind].count > 0 && faultMatches(candidate, body));
  if (!fault) return null;
  fault[kind].count -= 1;
  return fault[kind];
}

const matching = (body, field) => faults.find((fault) => fault[field] !== undefined && faultMatches(fault, body))?.[field];

function validOrder(body) {
  const reward = body?.reward;
  const problems = {};
  if (body?.external_id !== undefined && (typeof body.external_id !== "string" || body.external_id === "")) problems.external_id = ["must be a non-empty string"];
  if (typeof body?.payment?.funding_source_id !== "string") problems.payment = ["funding_source_id is required"];
  const denomination = reward?.value?.denomination;
  if (typeof denomination !== "number" || !(denomination > 0)) problems.denomination = ["must be a positive number"];
  if (!/^[A-Z]{3}$/.test(reward?.value?.currency_code ?? "")) problems.currency_code = ["must be an ISO 4217 code"];
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(reward?.recipient?.email ?? "")) problems.email = ["is invalid"];
  if (!Array.isArray(reward?.products) || reward.products.length === 0) problems.products = ["at least one product is required"];
  return problems;
}

function createOrder(body) {
  const orderId = tremendousId();
  const order = {
    id: orderId,
    external_id: body.external_id ?? null,
    created_at: new Date().toISOString(),
    status: "EXECUTED",
    payment: { funding_source_id: body.payment.funding_source_id, subtotal: body.reward.value.denomination, total: body.reward.value.denomination, fees: 0 },
    rewards: [
      {
        id: tremendousId(),
        order_id: orderId,
        created_at: new Date().toISOString(),
        value: body.reward.value,
        recipient: body.reward.recipient,
        products: body.reward.products,
        delivery: { method: body.reward.delivery?.method ?? "EMAIL", status: "SCHEDULED" },
      },
    ],
  };
  state.orders.push(order);
  saveState();
  log("order created", { orderId, externalId: order.external_id });
  const delivery = matching(body, "delivery") ?? (/\+fail@/.test(body.reward.recipient.email) ? "FAILED" : "SUCCEEDED");
  if (delivery !== "HOLD") void sleep(deliveryDelayMs).then(() => deliver(order, delivery));
  return order;
}

/** Finishes the order's delivery and tells our webhook, signed with the webhook's private key. */
async function deliver(order, status) {
  const reward = order.rewards[0];
  if (reward.delivery.status === "SUCCEEDED" || reward.delivery.status === "FAILED") return;
  reward.delivery.status = status;
  saveState();
  log("reward delivered", { orderId: order.id, status });
  const body = JSON.stringify({
    event: `REWARDS.DELIVERY.${status}`,
    uuid: randomUUID(),
    created_utc: new Date().toISOString(),
    payload: { resource: { id: reward.id, type: "rewards" }, meta: {} },
  });
  const signature = `sha256=${createHmac("sha256", options["webhook-secret"]).update(body).digest("hex")}`;
  for (const wait of webhookAttempts) {
    await sleep(wait);
    let answer;
    try {
      const response = await fetch(options["webhook-url"], { method: "POST", headers: { "content-type": "application/json", "tremendous-webhook-signature": signature }, body, signal: AbortSignal.timeout(30_000) });
      answer = response.status;
    } catch (error) {
      answer = `error: ${error.message}`;
    }
    webhookLog.push({ orderId: order.id, externalId: order.external_id, event: `REWARDS.DELIVERY.${status}`, answer, at: new Date().toISOString() });
    if (typeof answer === "number" && answer >= 200 && answer < 300) return;
  }
  log("webhook given up", { orderId: order.id });
}

const findOrder = (id) => state.orders.find((order) => order.id === id || (order.external_id !== null && order.external_id === id));
const findReward = (id) => state.orders.flatMap((order) => order.rewards).find((reward) => reward.id === id);

async function api(req, res, path) {
  if (req.headers.authorization !== `Bearer ${options["api-key"]}`) return refuse(res, 401, "Unauthorized: API key is missing or invalid");
  if (req.method === "POST" && path === "/api/v2/orders") {
    const body = await readJson(req);
    if (body === undefined) return refuse(res, 400, "Bad request: body is not JSON");
    const problems = validOrder(body);
    if (Object.keys(problems).length > 0) return refuse(res, 400, "Bad request", problems);
    const key = body.external_id ?? "";
    state.createRequests[key] = (state.createRequests[key] ?? 0) + 1;
    const delayMs = matching(body, "delayMs");
    if (delayMs) await sleep(delayMs);
    const failure = takeFault("failNext", body);
    if (failure) {
      log("failing a create request on demand", { externalId: key, status: failure.status });
      return refuse(res, failure.status ?? 503, "Service unavailable (sandbox fault)");
    }
    // Tremendous: an external_id used before answers the order it created, with 201, and creates none.
    const order = (body.external_id !== undefined && findOrder(body.external_id)) || createOrder(body);
    const hang = takeFault("acceptThenHang", body);
    if (hang) {
      log("accepted, now hanging on demand", { externalId: key, ms: hang.ms });
      await sleep(hang.ms ?? 30_000);
    }
    return send(res, 201, { order });
  }
  const orderMatch = /^\/api\/v2\/orders\/([^/]+)$/.exec(path);
  if (req.method === "GET" && orderMatch) {
    const order = findOrder(decodeURIComponent(orderMatch[1]));
    return order ? send(res, 200, { order }) : refuse(res, 404, "Order not found");
  }
  const rewardMatch = /^\/api\/v2\/rewards\/([^/]+)$/.exec(path);
  if (req.method === "GET" && rewardMatch) {
    const reward = findReward(decodeURIComponent(rewardMatch[1]));
    return reward ? send(res, 200, { reward }) : refuse(res, 404, "Reward not found");
  }
  return refuse(res, 404, "Not found");
}

async function control(req, res, path, url) {
  if (path === "/_control/faults" && req.method === "POST") {
    const fault = await readJson(req);
    if (!fault || typeof fault !== "object") return refuse(res, 400, "a fault is a JSON object");
    faults.push(fault);
    log("fault set", fault);
    return send(res, 201, { faults });
  }
  if (path === "/_control/faults" && req.method === "DELETE") {
    faults = [];
    return send(res, 200, { faults });
  }
  if (path === "/_control/orders" && req.method === "GET") {
    const externalId = url.searchParams.get("external_id");
    const orders = state.orders.filter((order) => externalId === null || order.external_id === externalId);
    return send(res, 200, { orders, createRequests: externalId === null ? state.createRequests : { [externalId]: state.createRequests[externalId] ?? 0 } });
  }
  if (path === "/_control/deliver" && req.method === "POST") {
    const body = await readJson(req);
    const order = findOrder(body?.externalId ?? "");
    if (!order || !["SUCCEEDED", "FAILED"].includes(body.status)) return refuse(res, 400, "name an order's externalId and a status SUCCEEDED or FAILED");
    void deliver(order, body.status);
    return send(res, 202, { order });
  }
  if (path === "/_control/webhooks" && req.method === "GET") return send(res, 200, { webhooks: webhookLog });
  return refuse(res, 404, "Not found");
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://sandbox");
  const handler = url.pathname.startsWith("/_control/") ? control(req, res, url.pathname, url) : api(req, res, url.pathname);
  handler.catch((error) => {
    log("request failed", { error: String(error) });
    if (!res.headersSent) refuse(res, 500, "Internal error");
  });
});

const [host, port] = options.listen.split(":");
server.listen(Number(port), host, () => log("payouts sandbox listening", { listen: options.listen, webhookUrl: options["webhook-url"] }));
const stop = () => {
  // A request told to hang would hold the close for its whole wait.
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
