// `npm run bench`: the in-process cost of our HTTP layer (vitest bench), load through the whole
// local stack, then how long the platform takes to settle after each fault of the chaos suite.
// Prints figures; nothing here gates CI.
import { rm } from "node:fs/promises";
import { printChaosFigures } from "./bench/chaos-figures.mjs";
import { benchLocalStack } from "./bench/local-stack.mjs";
import { ensureDependencies } from "./install.mjs";
import { buildPlatform, clientEnv, migrate, startPlatform } from "./platform.mjs";
import { localDir, run } from "./process.mjs";
import { seedDemoData } from "./seed.mjs";

await ensureDependencies();
await run("npx", ["vitest", "bench", "--run", "--project", "unit"]);
await buildPlatform();
const platform = await startPlatform();
try {
  await migrate();
  await seedDemoData();
  const { listing, claiming, concurrency } = await benchLocalStack();
  const row = (name, m) =>
    `  ${name.padEnd(34)} ${m.perSecond.toFixed(1).padStart(7)} req/s   p50 ${m.p50.toFixed(1).padStart(7)} ms   p99 ${m.p99.toFixed(1).padStart(7)} ms   (${m.requests} requests, ${m.failures} failed)`;
  console.log(`\nLocal stack through Hosting, ${concurrency} clients in parallel:`);
  console.log(row("GET /v1/opportunities?limit=20", listing));
  console.log(row("POST /v1/claims", claiming));
  console.log("\nVoucher allocations through the use case on the local database, the rate limiter on loopback Redis, and the latency personal-data encryption adds to a user (warm and cold data-key cache, local KMS):");
  await run("npx", ["vitest", "bench", "--run", "--project", "integration"], { env: clientEnv });
  // The chaos suite records how long the platform took to settle after each fault it injected.
  await rm(`${localDir}/chaos-figures.jsonl`, { force: true });
  await run("npx", ["vitest", "run", "--project", "chaos"], { env: clientEnv });
  await printChaosFigures(`${localDir}/chaos-figures.jsonl`);
} finally {
  await platform.stop();
}
