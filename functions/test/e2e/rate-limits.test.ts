import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { apiClient, signUpUser } from "./support/api-client.js";

// Rate limits on the real platform: counted in the local redis-server by every function instance
// together (rate-limiter-flexible), stated on every answer, and per client address for refused
// credentials. Each test names its own client address (Firebase Hosting passes the client's on;
// the Hosting emulator passes on X-Forwarded-For), so runs never share a count.

const someAddress = () => `198.51.${randomInt(0, 256)}.${randomInt(1, 255)}`;

describe("rate limits", () => {
  it("answer 429 with Retry-After once 20 wrong API keys came from one address; another address is still heard", { timeout: 120_000 }, async () => {
    const address = someAddress();
    const statuses: number[] = [];
    let refused: Awaited<ReturnType<ReturnType<typeof apiClient>["get"]>> | undefined;
    for (let i = 0; i < 50; i++) {
      const answer = await apiClient(`uxk_${"0".repeat(30)}${String(i).padStart(9, "0")}`).get("/v1/opportunities", { "x-forwarded-for": address });
      statuses.push(answer.status);
      if (answer.status === 429) refused ??= answer;
    }

    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.slice(20)).toEqual(Array(30).fill(429));
    expect(refused!.body).toMatchObject({ code: "rate_limited", status: 429 });
    expect(Number(refused!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused!.headers.get("ratelimit-limit")).toBe("20");
    expect(refused!.headers.get("ratelimit-remaining")).toBe("0");
    expect((await apiClient("not-a-token").get("/v1/claims", { "x-forwarded-for": someAddress() })).status).toBe(401);
  });

  it("state each caller's own limit and what is left of it on every answer, counted across instances", { timeout: 60_000 }, async () => {
    const caller = apiClient((await signUpUser("limited")).idToken);
    const first = await caller.get("/v1/claims");
    const second = await caller.get("/v1/rewards");
    expect(first.status).toBe(200);
    const limit = Number(first.headers.get("ratelimit-limit"));
    expect(limit).toBeGreaterThan(0);
    // Two functions (claims, rewards), one count: the second answer has one fewer left.
    expect(Number(second.headers.get("ratelimit-remaining"))).toBe(Number(first.headers.get("ratelimit-remaining")) - 1);
    expect(Number(first.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
    const other = await apiClient((await signUpUser("unlimited")).idToken).get("/v1/claims");
    expect(Number(other.headers.get("ratelimit-remaining"))).toBe(limit - 1);
  });
});
