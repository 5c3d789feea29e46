import { describe, expect, it } from "vitest";
import { apiClient, signUpUser } from "../e2e/support/api-client.js";
import { platformControl as control } from "../e2e/support/platform-control.js";

// Redis, where the rate limits count, killed: the API goes on answering, each instance counting in
// its own memory (the insurance limiter), and counts in Redis again once it is back.

describe("the rate limits' Redis killed", () => {
  it("takes nothing down: requests are answered, still with their limits, and counted in Redis again once it is back", { timeout: 120_000 }, async () => {
    const caller = apiClient((await signUpUser("redis-down")).idToken);
    expect((await caller.get("/v1/claims")).status).toBe(200);

    await control.kill("redis");
    try {
      for (let i = 0; i < 5; i++) {
        const answer = await caller.get("/v1/claims");
        expect(answer.status).toBe(200);
        expect(Number(answer.headers.get("ratelimit-limit"))).toBeGreaterThan(0);
      }
    } finally {
      await control.start("redis");
    }

    // Back on Redis: two functions count one budget again (the count restarted with the server).
    await expect
      .poll(async () => {
        const [claims, rewards] = [await caller.get("/v1/claims"), await caller.get("/v1/rewards")];
        return Number(claims.headers.get("ratelimit-remaining")) - Number(rewards.headers.get("ratelimit-remaining"));
      }, { timeout: 30_000, interval: 1_000 })
      .toBe(1);
  });
});
