import { describe, expect, it } from "vitest";
import { deliverWebhookMessage } from "../../../../src/app/webhooks/deliver-webhook-message.js";
import { fanOutEvent } from "../../../../src/app/webhooks/fan-out-event.js";
import { listWebhookMessageAttempts } from "../../../../src/app/webhooks/list-webhook-attempts.js";
import { getWebhookMessage, listWebhookMessages, recoverFailedMessages, recoverWebhookEndpoint, resendWebhookMessage } from "../../../../src/app/webhooks/replay-webhook-messages.js";
import { updateAggregate } from "../../../../src/app/shared/update-aggregate.js";
import type { TaskPayload } from "../../../../src/contracts/tasks.js";
import { domainEvent } from "../../../../src/domain/events/domain-event.js";
import { maxAttempts } from "../../../../src/domain/webhooks/retry-schedule.js";
import { messageIdFor } from "../../../../src/domain/webhooks/webhook-message.js";
import { organizationWithEveryRole, storedEndpoint } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";

async function world() {
  const deps = inMemoryDeps();
  const people = await organizationWithEveryRole(deps);
  const endpoint = await storedEndpoint(deps, people.org.id, ["opportunity.published.v1"]);
  return { deps, ...people, endpoint };
}

async function publish(deps: InMemoryDeps, orgId: string, endpointId: string): Promise<string> {
  const event = domainEvent("opportunity.published.v1", orgId, { opportunityId: "opp_0000000000000001" }, deps.ids.next("evt"), deps.clock.now());
  await fanOutEvent(deps, event);
  return messageIdFor(event.id, endpointId);
}

/** A message whose whole schedule failed (400 does not open the breaker, so every attempt runs). */
async function exhausted(deps: InMemoryDeps, orgId: string, endpointId: string): Promise<string> {
  const messageId = await publish(deps, orgId, endpointId);
  deps.sender.reply = { status: 400, latencyMs: 3 };
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    await deliverWebhookMessage(deps, messageId, attempt);
    deps.clock.advance(1_000); // tasks run whatever the clock says; a short time keeps the endpoint short of 5 days of failing
  }
  expect((await deps.webhookMessages.findById(messageId))?.status).toBe("failed");
  return messageId;
}

/** Runs the queued tasks of `kind` added since `from`, as the webhook-delivery queue would. */
async function runQueued(deps: InMemoryDeps, from: number): Promise<string[]> {
  const outcomes: string[] = [];
  // Tasks a recovery queues run too, after it, as the queue would run them.
  for (let index = from; index < deps.tasks.enqueued.length; index++) {
    const payload: TaskPayload = deps.tasks.enqueued[index]!.payload;
    if (payload.kind === "webhook.recover.v1") outcomes.push(`queued ${await recoverFailedMessages(deps, payload)}`);
    else if (payload.kind === "webhook.deliver.v1" && payload.manual) outcomes.push(await deliverWebhookMessage(deps, payload.messageId, payload.attempt, payload.manual));
  }
  return outcomes;
}

describe("resending a message", () => {
  it("makes one manual attempt, logged as manual, even to a delivered message; the same task run again sends nothing more", async () => {
    const { deps, org, owner, endpoint } = await world();
    const messageId = await publish(deps, org.id, endpoint.id);
    expect(await deliverWebhookMessage(deps, messageId, 1)).toBe("delivered");
    const from = deps.tasks.enqueued.length;
    const resend = await resendWebhookMessage(deps, owner, org.id, messageId);
    expect(resend).toMatchObject({ messageId, resendId: expect.stringMatching(/^rsd_/) });
    expect(await runQueued(deps, from)).toEqual(["delivered"]);
    expect(await runQueued(deps, from)).toEqual(["stale"]);
    expect(deps.sender.requests).toHaveLength(2);
    const log = await listWebhookMessageAttempts(deps, owner, org.id, messageId, { limit: 20 });
    expect(log.data.map((a) => [a.number, a.trigger])).toEqual([[2, "manual"], [1, "scheduled"]]);
  });

  it("delivers a failed message when the endpoint answers again, and leaves a disabled endpoint alone", async () => {
    const { deps, org, owner, endpoint } = await world();
    const messageId = await exhausted(deps, org.id, endpoint.id);
    deps.sender.reply = { status: 200, latencyMs: 3 };
    let from = deps.tasks.enqueued.length;
    await resendWebhookMessage(deps, owner, org.id, messageId);
    expect(await runQueued(deps, from)).toEqual(["delivered"]);
    expect(await getWebhookMessage(deps, owner, org.id, messageId)).toMatchObject({ status: "delivered", attempts: maxAttempts + 1, payload: { type: "opportunity.published.v1" } });

    await updateAggregate(deps.webhookEndpoints, endpoint.id, (current) => ({ next: { ...current, status: "disabled" as const } }));
    from = deps.tasks.enqueued.length;
    const sent = deps.sender.requests.length;
    await resendWebhookMessage(deps, owner, org.id, messageId);
    expect(await runQueued(deps, from)).toEqual(["endpoint_disabled"]);
    expect(deps.sender.requests).toHaveLength(sent);
  });

  it("is refused to a viewer (webhooks:write) and not found in another organization", async () => {
    const { deps, org, viewer, endpoint } = await world();
    const messageId = await publish(deps, org.id, endpoint.id);
    await expect(resendWebhookMessage(deps, viewer, org.id, messageId)).rejects.toMatchObject({ code: "forbidden" });
    const other = await organizationWithEveryRole(deps);
    await expect(resendWebhookMessage(deps, other.owner, other.org.id, messageId)).rejects.toMatchObject({ code: "not_found" });
    await expect(getWebhookMessage(deps, other.owner, other.org.id, messageId)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("recovering an endpoint", () => {
  it("resends only its failed messages since the time, in a queued task; a second recovery sends nothing already delivered", async () => {
    const { deps, org, owner, endpoint } = await world();
    const before = await exhausted(deps, org.id, endpoint.id);
    deps.clock.advance(60_000);
    const since = deps.clock.now().toISOString();
    const failedA = await exhausted(deps, org.id, endpoint.id);
    const failedB = await exhausted(deps, org.id, endpoint.id);
    deps.sender.reply = { status: 200, latencyMs: 3 };
    const deliveredOne = await publish(deps, org.id, endpoint.id);
    await deliverWebhookMessage(deps, deliveredOne, 1);

    let from = deps.tasks.enqueued.length;
    const sent = deps.sender.requests.length;
    const recovery = await recoverWebhookEndpoint(deps, owner, org.id, endpoint.id, { since });
    expect(recovery).toMatchObject({ endpointId: endpoint.id, recoveryId: expect.stringMatching(/^rcv_/), since });
    // Nothing is sent inside the request: one task is queued.
    expect(deps.sender.requests).toHaveLength(sent);
    expect(deps.tasks.enqueued.slice(from).map((t) => t.payload.kind)).toEqual(["webhook.recover.v1"]);
    expect(await runQueued(deps, from)).toEqual(["queued 2", "delivered", "delivered"]);
    expect(deps.sender.requests.slice(sent).map((r) => r.messageId).sort()).toEqual([failedA, failedB].sort());
    expect((await deps.webhookMessages.findById(before))?.status).toBe("failed");

    from = deps.tasks.enqueued.length;
    await recoverWebhookEndpoint(deps, owner, org.id, endpoint.id, { since });
    expect(await runQueued(deps, from)).toEqual(["queued 0"]);
    expect(deps.sender.requests).toHaveLength(sent + 2);
  });

  it("skips a message delivered between the recovery's listing and its attempt", async () => {
    const { deps, org, owner, endpoint } = await world();
    const since = deps.clock.now().toISOString();
    const failed = await exhausted(deps, org.id, endpoint.id);
    deps.sender.reply = { status: 200, latencyMs: 3 };
    const from = deps.tasks.enqueued.length;
    await recoverWebhookEndpoint(deps, owner, org.id, endpoint.id, { since });
    const recoverTask = deps.tasks.enqueued[from]!.payload;
    if (recoverTask.kind !== "webhook.recover.v1") throw new Error("expected the recovery task");
    expect(await recoverFailedMessages(deps, recoverTask)).toBe(1);
    // A resend delivers it first.
    const resendFrom = deps.tasks.enqueued.length;
    await resendWebhookMessage(deps, owner, org.id, failed);
    const manual = deps.tasks.enqueued.slice(from + 1).map((t) => t.payload).filter((p) => p.kind === "webhook.deliver.v1");
    const outcomes = [];
    for (const payload of [...manual.slice(resendFrom - from - 1), ...manual.slice(0, resendFrom - from - 1)]) {
      if (payload.kind === "webhook.deliver.v1") outcomes.push(await deliverWebhookMessage(deps, payload.messageId, undefined, payload.manual));
    }
    expect(outcomes).toEqual(["delivered", "already_delivered"]);
  });

  it("refuses a time in the future and lists messages by status and endpoint", async () => {
    const { deps, org, owner, viewer, endpoint } = await world();
    await expect(recoverWebhookEndpoint(deps, owner, org.id, endpoint.id, { since: new Date(deps.clock.now().getTime() + 60_000).toISOString() })).rejects.toMatchObject({ code: "validation_failed" });
    const failed = await exhausted(deps, org.id, endpoint.id);
    deps.sender.reply = { status: 200, latencyMs: 3 };
    const delivered = await publish(deps, org.id, endpoint.id);
    await deliverWebhookMessage(deps, delivered, 1);
    expect((await listWebhookMessages(deps, viewer, org.id, { limit: 20 })).data.map((m) => m.id)).toEqual([delivered, failed]);
    expect((await listWebhookMessages(deps, viewer, org.id, { limit: 20, status: "failed", endpointId: endpoint.id })).data.map((m) => m.id)).toEqual([failed]);
    expect((await listWebhookMessages(deps, viewer, org.id, { limit: 20, eventType: "claim.completed.v1" })).data).toEqual([]);
  });
});
