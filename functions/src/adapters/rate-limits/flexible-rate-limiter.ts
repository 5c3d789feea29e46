import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { rateLimits as defaultLimits, type RateClass, type RateLimit } from "../../domain/identity/rate-limits.js";
import type { Logger } from "../../ports/logger.js";
import type { RateDecision, RateLimiter } from "../../ports/rate-limiter.js";

/**
 * Limits with `rate-limiter-flexible`, built on first use (an event or task function never
 * connects to Redis): on Redis (Memorystore in production, the local platform's
 * redis-server) so that every instance of every function counts together, each with an in-memory
 * insurance limiter that takes over while Redis cannot be reached. Redis down therefore never
 * takes the API down: each instance goes on counting alone (limits then hold per instance), and
 * the outage is logged (`ratelimit.redis_unavailable`, at most once a minute an instance). With no
 * Redis configured, the in-memory limiters alone count, per instance.
 */
export function flexibleRateLimiter(connect: (() => Redis) | undefined, logger: Logger, rateLimits: Readonly<Record<RateClass, RateLimit>> = defaultLimits): RateLimiter {
  let limiters: Record<RateClass, RateLimiterAbstract> | undefined;
  return {
    consume: async (rateClass, key) => {
      limiters ??= buildLimiters(connect?.(), logger, rateLimits);
      const { points } = rateLimits[rateClass];
      try {
        return decision(points, await limiters[rateClass].consume(key), true);
      } catch (refusal) {
        // Over the limit: the library rejects with where the key stands. Anything else is a fault
        // the insurance limiter did not absorb: let the request through and say so.
        if (refusal instanceof RateLimiterRes) return decision(points, refusal, false);
        logger.warn("ratelimit.failed_open", { rateClass, cause: refusal instanceof Error ? refusal.message : String(refusal) });
        return { allowed: true, limit: points, remaining: points, resetSeconds: rateLimits[rateClass].durationSeconds };
      }
    },
  };
}

function buildLimiters(redis: Redis | undefined, logger: Logger, rateLimits: Readonly<Record<RateClass, RateLimit>>): Record<RateClass, RateLimiterAbstract> {
  const limiters = Object.fromEntries(
    (Object.keys(rateLimits) as RateClass[]).map((rateClass) => {
      const { points, durationSeconds: duration } = rateLimits[rateClass];
      const keyPrefix = `rl:${rateClass}`;
      const memory = new RateLimiterMemory({ points, duration, keyPrefix });
      const limiter: RateLimiterAbstract = redis ? new RateLimiterRedis({ storeClient: redis, points, duration, keyPrefix, insuranceLimiter: memory }) : memory;
      return [rateClass, limiter];
    }),
  ) as Record<RateClass, RateLimiterAbstract>;

  if (redis) {
    let lastWarned = 0;
    redis.on("error", (error: Error) => {
      if (Date.now() - lastWarned < 60_000) return;
      lastWarned = Date.now();
      logger.warn("ratelimit.redis_unavailable", { cause: error.message });
    });
  }
  return limiters;
}

const decision = (limit: number, res: RateLimiterRes, allowed: boolean): RateDecision => ({
  allowed,
  limit,
  remaining: Math.max(0, res.remainingPoints),
  resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
});
