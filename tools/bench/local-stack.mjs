// Load through the whole local stack (Hosting rewrite → functions emulator → FerretDB): throughput
// and latency percentiles of listing opportunities and of claiming them.
import { performance } from "node:perf_hooks";
import { endpoints } from "../platform.mjs";
import { signIn } from "../seed.mjs";

const base = `http://${endpoints.hosting}`;

export async function benchLocalStack({ requests = 400, claims = 200, concurrency = 8 } = {}) {
  const owner = await signIn("owner@demo.user-x.dev");
  const [org] = (await call(owner, "GET", "/v1/organizations")).body.data;
  const draft = await call(owner, "POST", "/v1/opportunities", benchOpportunity(org.id, claims));
  await call(owner, "POST", `/v1/opportunities/${draft.body.id}/publish`);

  const participant = await signIn("participant@demo.user-x.dev");
  // The Functions emulator starts one Node worker per request in flight; start them before measuring.
  await warmUp(concurrency, () => call(participant, "GET", "/v1/opportunities?limit=20"));
  const listing = await measure(requests, concurrency, () => call(participant, "GET", "/v1/opportunities?limit=20"));

  const tokens = await Promise.all(Array.from({ length: claims }, (_, i) => signUp(`bench-${Date.now()}-${i}@bench.user-x.dev`)));
  await warmUp(concurrency, () => call(participant, "GET", "/v1/claims"));
  let next = 0;
  const claiming = await measure(claims, concurrency, () => call(tokens[next++], "POST", "/v1/claims", { opportunityId: draft.body.id }), 201);
  return { listing, claiming, concurrency };
}

async function warmUp(concurrency, send) {
  await Promise.all(Array.from({ length: concurrency }, send));
}

async function measure(total, concurrency, send, expectedStatus = 200) {
  const latencies = [];
  let failures = 0;
  let issued = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < total) {
        issued++;
        const t0 = performance.now();
        const { status } = await send();
        latencies.push(performance.now() - t0);
        if (status !== expectedStatus) failures++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return { requests: total, failures, perSecond: total / seconds, p50: at(0.5), p99: at(0.99) };
}

async function call(token, method, path, body) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: await response.json() };
}

async function signUp(email) {
  const response = await fetch(`http://${endpoints.auth}/identitytoolkit.googleapis.com/v1/accounts:signUp?key=demo-key`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "bench-password", returnSecureToken: true }),
  });
  return (await response.json()).idToken;
}

function benchOpportunity(orgId, capacity) {
  return {
    orgId,
    title: "Benchmark opportunity",
    tasks: [{ id: "survey", type: "survey", title: "One question", questions: [{ id: "q", type: "rating", prompt: "Rate it" }] }],
    reward: { type: "points", value: 1 },
    capacity,
  };
}
