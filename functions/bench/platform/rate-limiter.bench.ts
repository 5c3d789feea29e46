import { afterAll, beforeAll, bench, describe } from "vitest";
import { flexibleRateLimiter } from "../../src/adapters/rate-limits/flexible-rate-limiter.js";
import { rateLimitRedis } from "../../src/adapters/rate-limits/redis-client.js";
import type { Logger } from "../../src/ports/logger.js";

// What the rate limiter adds to a request: one consume on the local platform's redis-server over
// loopback (`npm run bench` starts it), beside the same limiter counting in memory alone. Each
// call counts a fresh key's read, as a request of a new caller does.

const url = process.env.REDIS_URL;
if (!url) throw new Error("REDIS_URL is not set: run through npm run bench");
const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };
const redis = rateLimitRedis(url);
const onRedis = flexibleRateLimiter(() => redis, quiet);
const inMemory = flexibleRateLimiter(undefined, quiet);
const samples: Record<string, number[]> = { redis: [], memory: [] };
let calls = 0;

async function timed(name: "redis" | "memory", limiter: typeof onRedis) {
  const started = performance.now();
  await limiter.consume("read", `bench:${name}:${++calls}`);
  samples[name]!.push(performance.now() - started);
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))] ?? NaN;

// Measured once connected: before that, the limiter counts in memory (the insurance limiter).
beforeAll(async () => {
  if (redis.status !== "ready") await new Promise((resolve) => redis.once("ready", resolve));
});

afterAll(async () => {
  console.log("\nRate limiter, one consume (the latency it adds to a request):");
  for (const [name, values] of Object.entries(samples)) {
    console.log(`  ${name === "redis" ? "on loopback Redis" : "in memory        "}   p50 ${percentile(values, 50).toFixed(3)} ms   p99 ${percentile(values, 99).toFixed(3)} ms   (${values.length} calls)`);
  }
  // Each Redis consume left its key there: proof the counts went to Redis, not to the insurance limiter.
  console.log(`  ${await redis.dbsize()} keys in Redis after ${samples.redis!.length} consumes there`);
  redis.disconnect();
});

describe("rate limiter", () => {
  bench("consume on loopback Redis", () => timed("redis", onRedis), { time: 2_000, warmupTime: 300 });
  bench("consume in memory", () => timed("memory", inMemory), { time: 1_000, warmupTime: 100 });
});
