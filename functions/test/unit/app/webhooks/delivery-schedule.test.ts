import { describe, expect, it } from "vitest";
import { deliverWebhookMessage } from "../../../../src/app/webhooks/deliver-webhook-message.js";
import { fanOutEvent } from "../../../../src/app/webhooks/fan-out-event.js";
import { domainEvent } from "../../../../src/domain/events/domain-event.js";
import { cooldownSeconds } from "../../../../src/domain/webhooks/delivery-gate.js";
import { maxAttempts, retrySchedule } from "../../../../src/domain/webhooks/retry-schedule.js";
import { messageIdFor } from "../../../../src/domain/webhooks/webhook-message.js";
import { storedEndpoint } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";

// The retry schedule as the delivery task plays it: each failure schedules the next attempt as a
// named task with the schedule's delay, 410 and 5 days of failing disable the endpoint, and the
// operational events reach the organization's other endpoints, never the one they are about.

const orgId = "org_AcmeResearch000001";
const operational = ["message.attempt.failing.v1", "message.attempt.exhausted.v1", "message.attempt.recovered.v1", "endpoint.disabled.v1"];

async function setUp(deps: InMemoryDeps) {
  const endpoint = await storedEndpoint(deps, orgId, ["opportunity.published.v1", ...operational]);
  const watcher = await storedEndpoint(deps, orgId, operational);
  const event = domainEvent("opportunity.published.v1", orgId, { opportunityId: "opp_0000000000000001" }, deps.ids.next("evt"), deps.clock.now());
  await fanOutEvent(deps, event);
  return { endpoint, watcher, messageId: messageIdFor(event.id, endpoint.id) };
}

/** Runs the last delivery task enqueued for `messageId`, after its delay (and past the breaker's cool-down). */
async function runNext(deps: InMemoryDeps, messageId: string, { pastBreaker = true } = {}) {
  const task = deps.tasks.enqueued.filter((t) => t.payload.kind === "webhook.deliver.v1" && t.payload.messageId === messageId).at(-1);
  if (task?.payload.kind !== "webhook.deliver.v1") throw new Error("no task");
  deps.clock.advance(Math.max((task.delaySeconds ?? 0) * 1000, pastBreaker ? cooldownSeconds(10) * 1000 : 0));
  return deliverWebhookMessage(deps, messageId, task.payload.attempt);
}

const messagesTo = (deps: InMemoryDeps, endpointId: string) => deps.webhookMessages.table.all().filter((m) => m.endpointId === endpointId);

describe("the retry schedule, played by the delivery task", () => {
  it("schedules the next attempt as a named task with the schedule's delay; a task for an attempt already made sends nothing", async () => {
    const deps = inMemoryDeps();
    const { messageId } = await setUp(deps);
    deps.sender.reply = { status: 500, latencyMs: 5 };

    expect(await deliverWebhookMessage(deps, messageId, 1)).toBe("scheduled");
    const next = deps.tasks.enqueued.at(-1);
    expect(next).toMatchObject({ payload: { kind: "webhook.deliver.v1", messageId, attempt: 2 }, name: `${messageId}-2` });
    expect(next?.delaySeconds).toBeGreaterThanOrEqual(4);
    expect(next?.delaySeconds).toBeLessThanOrEqual(6);
    const [attempt] = (await deps.webhookMessages.findById(messageId))!.attempts;
    expect(attempt?.nextDelayMs).toBeGreaterThanOrEqual(4_000);
    expect(attempt?.nextDelayMs).toBeLessThanOrEqual(6_000);

    expect(await deliverWebhookMessage(deps, messageId, 1)).toBe("stale");
    expect(deps.sender.requests).toHaveLength(1);
  });

  it("divides the delay by the time scale", async () => {
    const deps = { ...inMemoryDeps(), webhookTimeScale: 3600 };
    const { messageId } = await setUp(deps);
    // 4xx does not open the breaker, so each attempt runs when its task is due.
    deps.sender.reply = { status: 400, latencyMs: 5 };
    for (let n = 1; n <= 5; n++) expect(await (n === 1 ? deliverWebhookMessage(deps, messageId, 1) : runNext(deps, messageId, { pastBreaker: false }))).toBe("scheduled");
    // After the fifth failure the schedule waits 5 h ± 20%: 4 to 6 s at 3600.
    expect(deps.tasks.enqueued.at(-1)?.delaySeconds).toBeGreaterThanOrEqual(4);
    expect(deps.tasks.enqueued.at(-1)?.delaySeconds).toBeLessThanOrEqual(6);
    expect((await deps.webhookMessages.findById(messageId))!.attempts.at(-1)?.nextDelayMs).toBeGreaterThanOrEqual(4 * 3_600_000);
  });

  it("sends failing after the fourth failure, exhausted after the eighth, to the other endpoint only, and tries no more", async () => {
    const deps = inMemoryDeps();
    const { endpoint, watcher, messageId } = await setUp(deps);
    deps.sender.reply = { status: 503, latencyMs: 5 };
    expect(await deliverWebhookMessage(deps, messageId, 1)).toBe("scheduled");
    for (let n = 2; n < maxAttempts; n++) expect(await runNext(deps, messageId)).toBe("scheduled");
    expect(messagesTo(deps, watcher.id).map((m) => m.eventType)).toEqual(["message.attempt.failing.v1"]);
    expect(JSON.parse(messagesTo(deps, watcher.id)[0]!.payload).data).toMatchObject({ messageId, endpointId: endpoint.id, attempts: 4, lastStatus: 503 });

    expect(await runNext(deps, messageId)).toBe("exhausted");
    expect(await deps.webhookMessages.findById(messageId)).toMatchObject({ status: "failed", nextAttemptAt: null });
    expect(messagesTo(deps, watcher.id).map((m) => m.eventType)).toEqual(["message.attempt.failing.v1", "message.attempt.exhausted.v1"]);
    expect(messagesTo(deps, endpoint.id).map((m) => m.eventType)).toEqual(["opportunity.published.v1"]);
    expect(deps.sender.requests).toHaveLength(maxAttempts);
    expect(await deliverWebhookMessage(deps, messageId, maxAttempts + 1)).toBe("exhausted");
    expect(deps.sender.requests).toHaveLength(maxAttempts);
  });

  it("sends recovered when a failing message is delivered", async () => {
    const deps = inMemoryDeps();
    const { watcher, messageId } = await setUp(deps);
    deps.sender.reply = { status: 500, latencyMs: 5 };
    await deliverWebhookMessage(deps, messageId, 1);
    for (let n = 2; n <= retrySchedule.failingAfterFailures; n++) await runNext(deps, messageId);
    deps.sender.reply = { status: 200, latencyMs: 5 };
    expect(await runNext(deps, messageId)).toBe("delivered");
    expect(messagesTo(deps, watcher.id).map((m) => m.eventType)).toEqual(["message.attempt.failing.v1", "message.attempt.recovered.v1"]);
  });

  it("a failing message that carries an operational event causes none itself", async () => {
    const deps = inMemoryDeps();
    const { watcher, messageId } = await setUp(deps);
    deps.sender.reply = { status: 500, latencyMs: 5 };
    await deliverWebhookMessage(deps, messageId, 1);
    for (let n = 2; n <= retrySchedule.failingAfterFailures; n++) await runNext(deps, messageId);
    const [notice] = messagesTo(deps, watcher.id);
    await deliverWebhookMessage(deps, notice!.id, 1);
    for (let n = 2; n <= maxAttempts; n++) await runNext(deps, notice!.id);
    expect((await deps.webhookMessages.findById(notice!.id))?.status).toBe("failed");
    expect(deps.webhookMessages.table.all().map((m) => m.eventType).sort()).toEqual(["message.attempt.failing.v1", "opportunity.published.v1"]);
  });

  it("disables the endpoint at the first 410, sends endpoint.disabled.v1 to the others, and holds the message", async () => {
    const deps = inMemoryDeps();
    const { endpoint, watcher, messageId } = await setUp(deps);
    deps.sender.reply = { status: 410, latencyMs: 5 };
    expect(await deliverWebhookMessage(deps, messageId, 1)).toBe("endpoint_disabled");
    expect(await deps.webhookEndpoints.findById(endpoint.id)).toMatchObject({ status: "disabled" });
    expect(await deps.webhookMessages.findById(messageId)).toMatchObject({ status: "pending", nextAttemptAt: null, attempts: [{ status: 410, nextDelayMs: null }] });
    const notices = messagesTo(deps, watcher.id);
    expect(notices.map((m) => m.eventType)).toEqual(["endpoint.disabled.v1"]);
    expect(JSON.parse(notices[0]!.payload).data).toMatchObject({ endpointId: endpoint.id, reason: "gone" });
    expect(messagesTo(deps, endpoint.id)).toHaveLength(1);
  });

  it("disables an endpoint failing without a success for 5 days, and not one that succeeded in between", async () => {
    const deps = inMemoryDeps();
    const { endpoint, watcher } = await setUp(deps);
    deps.sender.reply = { status: 500, latencyMs: 5 };
    const publish = async (n: number) => {
      const event = domainEvent("opportunity.published.v1", orgId, { opportunityId: `opp_00000000000000${10 + n}` }, deps.ids.next("evt"), deps.clock.now());
      await fanOutEvent(deps, event);
      return deliverWebhookMessage(deps, messageIdFor(event.id, endpoint.id), 1);
    };
    const day = 24 * 3_600_000;
    expect(await publish(1)).toBe("scheduled");
    deps.clock.advance(3 * day);
    deps.sender.reply = { status: 200, latencyMs: 5 };
    expect(await publish(2)).toBe("delivered");
    deps.sender.reply = { status: 500, latencyMs: 5 };
    deps.clock.advance(1 * day);
    expect(await publish(3)).toBe("scheduled");
    deps.clock.advance(4 * day);
    expect(await publish(4)).toBe("scheduled");
    expect((await deps.webhookEndpoints.findById(endpoint.id))?.status).toBe("enabled");
    deps.clock.advance(1 * day);
    expect(await publish(5)).toBe("endpoint_disabled");
    expect((await deps.webhookEndpoints.findById(endpoint.id))?.status).toBe("disabled");
    const notices = messagesTo(deps, watcher.id).filter((m) => m.eventType === "endpoint.disabled.v1");
    expect(notices).toHaveLength(1);
    expect(JSON.parse(notices[0]!.payload).data).toMatchObject({ endpointId: endpoint.id, reason: "failing" });
  });
});
