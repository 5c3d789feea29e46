import { Redis } from "ioredis";

/**
 * The instance's Redis connection for rate limits. No offline queue and one retry a command: a
 * limiter waiting on a Redis that is away would hold every request, while failing fast lets the
 * in-memory insurance limiter count instead (flexible-rate-limiter.ts). ioredis reconnects by
 * itself in the background.
 */
export function rateLimitRedis(url: string): Redis {
  return new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000, commandTimeout: 500 });
}
