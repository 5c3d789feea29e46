import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient, signUpUser } from "../e2e/support/api-client.js";
import { platformDatabase } from "../e2e/support/mongo.js";
import { publishedOpportunity, validAnswers } from "../e2e/support/scenario.js";
import { startHttpTarget } from "../integration/support/http-target.js";
import { eventually } from "../integration/support/local-platform.js";
import { recordFigure } from "./support/figures.js";

// Ten endpoints that accept connections and never answer, beside a healthy endpoint of the same
// organization and one of another organization: the healthy ones get every message and every
// reward is paid, because each endpoint holds at most its two slots and its breaker opens.

const hanging = 10;
const participants = 6;
const database = platformDatabase();
let sink: Server;
let hangingRequests = 0;
let sinkUrl: string;
let healthy: Awaited<ReturnType<typeof startHttpTarget>>;
let neighbour: Awaited<ReturnType<typeof startHttpTarget>>;

beforeAll(async () => {
  sink = createServer(() => {
    hangingRequests += 1; // and never answers
  });
  await new Promise<void>((resolve) => sink.listen(0, "127.0.0.1", resolve));
  sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}`;
  healthy = await startHttpTarget(() => 204);
  neighbour = await startHttpTarget(() => 204);
});

afterAll(async () => {
  sink.closeAllConnections();
  await new Promise((resolve) => sink.close(resolve));
  await healthy.close();
  await neighbour.close();
  await database.close();
});

async function completeClaims(opportunityId: string, count: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const asParticipant = apiClient((await signUpUser(`neighbour${i}`)).idToken);
      const claim = await asParticipant.post("/v1/claims", { opportunityId });
      expect(claim.status).toBe(201);
      expect((await asParticipant.post(`/v1/claims/${claim.body.id}/submissions`, validAnswers)).status).toBe(201);
      return claim.body.id as string;
    }),
  );
}

describe("noisy neighbours", () => {
  it("ten hanging endpoints delay neither a healthy endpoint beside them, nor another organization's, nor any reward", { timeout: 240_000 }, async () => {
    const eventTypes = ["claim.completed.v1", "reward.issued.v1"];
    const busy = await publishedOpportunity({ capacity: participants });
    for (let i = 0; i < hanging; i++) {
      expect((await busy.asOwner.post(`/v1/organizations/${busy.orgId}/webhook-endpoints`, { url: `${sinkUrl}/hang${i}`, eventTypes })).status).toBe(201);
    }
    expect((await busy.asOwner.post(`/v1/organizations/${busy.orgId}/webhook-endpoints`, { url: `${healthy.url}/hooks`, eventTypes })).status).toBe(201);
    const other = await publishedOpportunity({ capacity: 2 });
    expect((await other.asOwner.post(`/v1/organizations/${other.orgId}/webhook-endpoints`, { url: `${neighbour.url}/hooks`, eventTypes })).status).toBe(201);

    const claims = [...(await completeClaims(busy.opportunity.id, participants)), ...(await completeClaims(other.opportunity.id, 1))];
    const completed = Date.now();
    const distinct = (target: typeof healthy) => new Set(target.received.map((request) => request.headers["webhook-id"])).size;
    const rewards = database.db.collection<{ claimId: string; status: string }>("rewards");
    await eventually(async () => {
      const paid = await rewards.countDocuments({ claimId: { $in: claims }, status: "issued" });
      return distinct(healthy) === 2 * participants && distinct(neighbour) === 2 && paid === claims.length ? true : undefined;
    }, 180_000).catch((error: Error) => {
      throw new Error(`${error.message}: the healthy endpoint got ${distinct(healthy)} of ${2 * participants}, the other organization's ${distinct(neighbour)} of 2`);
    });
    // Settled: from the last claim completed to the last healthy webhook and reward.
    await recordFigure({ fault: "10 hanging webhook endpoints beside healthy ones", settleMs: Date.now() - completed, requests: 2 * (participants + 1), retries: 0, unavailable503: 0, attemptsToHangingEndpoints: hangingRequests });
  });
});
