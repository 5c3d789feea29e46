import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpTarget } from "../integration/support/http-target.js";
import { platformDatabase } from "../e2e/support/mongo.js";
import { platformControl as control } from "../e2e/support/platform-control.js";
import { recordFigure } from "./support/figures.js";
import { settle, violations } from "./support/invariants.js";
import { answerCounter, claimAll, crowd, expectConsistentAnswers, requestCounts, submitAll } from "./support/scenario.js";

// The Cloud Tasks server killed while the webhooks of completed claims are being fanned out and
// delivered, and restarted 6 s later. The local server keeps tasks in memory: the fan-out that
// could not enqueue is redelivered by Pub/Sub, and deliveries whose task was lost are enqueued
// again by reconciliation. The receiver gets every message.

const database = platformDatabase();
let receiver: Awaited<ReturnType<typeof startHttpTarget>>;
beforeAll(async () => {
  receiver = await startHttpTarget();
});
afterAll(async () => {
  await receiver.close();
  await database.close();
});

describe("the Cloud Tasks server killed and restarted", () => {
  it("loses no webhook", { timeout: 600_000 }, async () => {
    const { opportunity, orgId, asOwner, participants } = await crowd(6, 6);
    const endpoint = await asOwner.post(`/v1/organizations/${orgId}/webhook-endpoints`, { url: `${receiver.url}/chaos`, eventTypes: ["claim.completed.v1"] });
    expect(endpoint.status).toBe(201);
    await claimAll(participants, opportunity.id, 3);
    const submissions = answerCounter();
    const submitting = submitAll(participants, 2, submissions);
    await submissions.reached(2);
    await control.kill("tasks");
    await submitting;
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    await control.start("tasks");
    const back = Date.now();

    const delivered = () => new Set(receiver.received.map((request) => request.headers["webhook-id"])).size;
    await settle(async () => {
      const wrong = await violations(database.db, opportunity.id);
      return delivered() === participants.length ? wrong : [...wrong, `${delivered()} of ${participants.length} webhooks received`];
    });
    const settleMs = Date.now() - back;
    await expectConsistentAnswers(participants, opportunity.id);
    await recordFigure({ fault: "Cloud Tasks server killed during fan-out and delivery, back 6 s later", settleMs, ...requestCounts(participants), webhooksReceived: receiver.received.length });
  });
});
