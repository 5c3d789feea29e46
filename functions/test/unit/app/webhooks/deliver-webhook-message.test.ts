import { describe, expect, it } from "vitest";
import { deliverWebhookMessage } from "../../../../src/app/webhooks/deliver-webhook-message.js";
import { fanOutEvent } from "../../../../src/app/webhooks/fan-out-event.js";
import { redriveStalledMessages } from "../../../../src/app/webhooks/redrive-stalled-messages.js";
import { breakerThreshold, cooldownSeconds, slotsPerEndpoint } from "../../../../src/domain/webhooks/delivery-gate.js";
import { messageIdFor } from "../../../../src/domain/webhooks/webhook-message.js";
import { domainEvent } from "../../../../src/domain/events/domain-event.js";
import { signatureHeader } from "../../../../src/domain/webhooks/signing.js";
import { rotationOverlapMs, withSigningRotated } from "../../../../src/domain/webhooks/webhook-endpoint.js";
import { newSigningKey, newSigningSecret } from "../../../../src/domain/webhooks/signing.js";
import { updateAggregate } from "../../../../src/app/shared/update-aggregate.js";
import { storedEndpoint } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";

const orgId = "org_AcmeResearch000001";

/** The pending message fan-out made of one opportunity.published.v1 for one endpoint. */
async function pendingMessage(deps: InMemoryDeps) {
  const endpoint = await storedEndpoint(deps, orgId, ["opportunity.published.v1"]);
  const event = domainEvent("opportunity.published.v1", orgId, { opportunityId: "opp_0000000000000001" }, deps.ids.next("evt"), deps.clock.now());
  await fanOutEvent(deps, event);
  const messageId = messageIdFor(event.id, endpoint.id);
  const message = await deps.webhookMessages.findById(messageId);
  if (!message) throw new Error("fan-out made no message for the endpoint");
  return { endpoint, messageId, payload: message.payload };
}

describe("deliverWebhookMessage and the endpoint's settings", () => {
  it("signs with the current and the replaced secret during a rotation's day, then with the current one alone", async () => {
    const deps = inMemoryDeps();
    const { endpoint, messageId, payload } = await pendingMessage(deps);
    const fresh = { secret: newSigningSecret(), signingKey: newSigningKey() };
    await updateAggregate(deps.webhookEndpoints, endpoint.id, (current) => ({ next: withSigningRotated(current, fresh, deps.clock.now()) }));
    deps.sender.reply = { status: 500, latencyMs: 5 };

    expect(await deliverWebhookMessage(deps, messageId)).toBe("scheduled");
    const during = deps.clock.now();
    expect(deps.sender.requests.at(-1)?.signature).toBe(signatureHeader({ secrets: [fresh.secret, endpoint.secret], signingKeys: [] }, messageId, during, payload));

    deps.clock.advance(rotationOverlapMs);
    deps.sender.reply = { status: 200, latencyMs: 5 };
    expect(await deliverWebhookMessage(deps, messageId)).toBe("delivered");
    expect(deps.sender.requests.at(-1)?.signature).toBe(signatureHeader({ secrets: [fresh.secret], signingKeys: [] }, messageId, deps.clock.now(), payload));
  });

  it("adds a v1a signature with asymmetric signing, and sends the custom headers", async () => {
    const deps = inMemoryDeps();
    const signingKey = newSigningKey();
    const endpoint = await storedEndpoint(deps, orgId, ["opportunity.published.v1"], { signingKey, headers: { "X-Gateway-Key": "gw-1" } });
    const event = domainEvent("opportunity.published.v1", orgId, { opportunityId: "opp_0000000000000001" }, deps.ids.next("evt"), deps.clock.now());
    await fanOutEvent(deps, event);
    const messageId = messageIdFor(event.id, endpoint.id);

    expect(await deliverWebhookMessage(deps, messageId)).toBe("delivered");
    const [request] = deps.sender.requests;
    expect(request?.headers).toEqual({ "X-Gateway-Key": "gw-1" });
    expect(request?.signature).toBe(signatureHeader({ secrets: [endpoint.secret], signingKeys: [signingKey] }, messageId, deps.clock.now(), request!.body));
  });

  it("sends nothing to a disabled endpoint: fan-out skips it, and a message already on its way is held, not attempted, until it is enabled", async () => {
    const deps = inMemoryDeps();
    const { endpoint, messageId } = await pendingMessage(deps);
    await updateAggregate(deps.webhookEndpoints, endpoint.id, (current) => ({ next: { ...current, status: "disabled" as const } }));

    const later = domainEvent("opportunity.published.v1", orgId, { opportunityId: "opp_0000000000000002" }, deps.ids.next("evt"), deps.clock.now());
    expect(await fanOutEvent(deps, later)).toBe(0);
    expect(await deps.webhookMessages.findById(messageIdFor(later.id, endpoint.id))).toBeNull();

    deps.clock.advance(1_000);
    expect(await deliverWebhookMessage(deps, messageId)).toBe("endpoint_disabled");
    expect(deps.sender.requests).toEqual([]);
    expect(await deps.webhookMessages.findById(messageId)).toMatchObject({ status: "pending", attempts: [], lastActivityAt: deps.clock.now() });

    await updateAggregate(deps.webhookEndpoints, endpoint.id, (current) => ({ next: { ...current, status: "enabled" as const } }));
    expect(await deliverWebhookMessage(deps, messageId)).toBe("delivered");
    expect(deps.sender.requests).toHaveLength(1);
  });

  it("paces an endpoint with a rate limit: a message with no room in its pace is put off, not attempted", async () => {
    const deps = inMemoryDeps();
    const endpoint = await storedEndpoint(deps, orgId, ["opportunity.published.v1"], { rateLimitPerSecond: 2 });
    const ids: string[] = [];
    for (const n of [1, 2]) {
      const event = domainEvent("opportunity.published.v1", orgId, { opportunityId: `opp_000000000000000${n}` }, deps.ids.next("evt"), deps.clock.now());
      await fanOutEvent(deps, event);
      ids.push(messageIdFor(event.id, endpoint.id));
    }
    expect(await deliverWebhookMessage(deps, ids[0]!)).toBe("delivered");
    expect(await deliverWebhookMessage(deps, ids[1]!)).toBe("deferred");
    expect(deps.sender.requests).toHaveLength(1);
    expect(await deps.webhookMessages.findById(ids[1]!)).toMatchObject({ status: "pending", attempts: [] });

    deps.clock.advance(500);
    expect(await deliverWebhookMessage(deps, ids[1]!)).toBe("delivered");
  });

  it("drops the message of a deleted endpoint", async () => {
    const deps = inMemoryDeps();
    const { endpoint, messageId } = await pendingMessage(deps);
    expect(await deps.webhookEndpoints.remove(endpoint.id)).toBe(true);
    expect(await deliverWebhookMessage(deps, messageId)).toBe("dropped");
    expect(deps.sender.requests).toEqual([]);
  });
});

describe("deliverWebhookMessage", () => {
  it("sends the signed request and marks the message delivered on a 2xx", async () => {
    const deps = inMemoryDeps();
    const { endpoint, messageId, payload } = await pendingMessage(deps);
    deps.clock.advance(1_000);

    expect(await deliverWebhookMessage(deps, messageId)).toBe("delivered");

    const at = deps.clock.now();
    const signature = signatureHeader({ secrets: [endpoint.secret], signingKeys: [] }, messageId, at, payload);
    expect(deps.sender.requests).toEqual([{ url: endpoint.url, signature, headers: {}, messageId, timestamp: at, body: payload }]);
    expect(await deps.webhookMessages.findById(messageId)).toMatchObject({ status: "delivered", deliveredAt: at, attempts: [{ at, status: 200, latencyMs: 12 }] });
  });

  it("does not send a delivered message again", async () => {
    const deps = inMemoryDeps();
    const { messageId } = await pendingMessage(deps);
    await deliverWebhookMessage(deps, messageId);

    expect(await deliverWebhookMessage(deps, messageId)).toBe("already_delivered");
    expect(deps.sender.requests).toHaveLength(1);
    expect((await deps.webhookMessages.findById(messageId))?.attempts).toHaveLength(1);
  });

  it("records a failed attempt and schedules the next; the next can deliver", async () => {
    const deps = inMemoryDeps();
    const { messageId } = await pendingMessage(deps);
    deps.sender.reply = { status: 500, latencyMs: 40, responseExcerpt: "oops" };

    expect(await deliverWebhookMessage(deps, messageId)).toBe("scheduled");
    expect(await deps.webhookMessages.findById(messageId)).toMatchObject({ status: "pending", deliveredAt: null, attempts: [{ status: 500, responseExcerpt: "oops", trigger: "scheduled" }] });

    deps.sender.reply = { status: 204, latencyMs: 30 };
    expect(await deliverWebhookMessage(deps, messageId)).toBe("delivered");
    expect(await deps.webhookMessages.findById(messageId)).toMatchObject({ status: "delivered", attempts: [{ status: 500 }, { status: 204 }] });
  });

  it("counts a redirect as a failure", async () => {
    const deps = inMemoryDeps();
    const { messageId } = await pendingMessage(deps);
    deps.sender.reply = { status: 301, latencyMs: 5 };

    expect(await deliverWebhookMessage(deps, messageId)).toBe("scheduled");
    expect(await deps.webhookMessages.findById(messageId)).toMatchObject({ status: "pending", attempts: [{ status: 301 }] });
  });

  it("records an endpoint that did not answer, with the error", async () => {
    const deps = inMemoryDeps();
    const { messageId } = await pendingMessage(deps);
    deps.sender.reply = { status: null, latencyMs: 3_000, error: "ECONNREFUSED" };

    expect(await deliverWebhookMessage(deps, messageId)).toBe("scheduled");
    expect((await deps.webhookMessages.findById(messageId))?.attempts).toMatchObject([{ status: null, error: "ECONNREFUSED" }]);
  });

  it("drops a message that does not exist", async () => {
    const deps = inMemoryDeps();
    expect(await deliverWebhookMessage(deps, "msg_000000000000000000000404")).toBe("dropped");
    expect(deps.sender.requests).toEqual([]);
  });

  it("delivers what fan-out created, to each endpoint once", async () => {
    const deps = inMemoryDeps();
    await storedEndpoint(deps, orgId, ["opportunity.published.v1"]);
    await storedEndpoint(deps, orgId, ["opportunity.published.v1"]);
    const event = domainEvent("opportunity.published.v1", orgId, { opportunityId: "opp_0000000000000001" }, deps.ids.next("evt"), deps.clock.now());
    await fanOutEvent(deps, event);
    await fanOutEvent(deps, event);

    for (const task of deps.tasks.enqueued) {
      if (task.payload.kind === "webhook.deliver.v1") await deliverWebhookMessage(deps, task.payload.messageId);
    }

    expect(deps.sender.requests.map((r) => r.url).sort()).toEqual(deps.webhookEndpoints.table.all().map((e) => e.url).sort());
  });

  it("puts a message off without sending while both of its endpoint's slots are held, and counts no attempt", async () => {
    const deps = inMemoryDeps();
    const { endpoint, messageId } = await pendingMessage(deps);
    for (let i = 0; i < slotsPerEndpoint; i++) expect((await deps.gate.admit(endpoint.id, deps.clock.now(), 20_000)).admitted).toBe(true);
    const tasksBefore = deps.tasks.enqueued.length;

    expect(await deliverWebhookMessage(deps, messageId)).toBe("deferred");

    expect(deps.sender.requests).toEqual([]);
    expect(await deps.webhookMessages.findById(messageId)).toMatchObject({ status: "pending", attempts: [], lastActivityAt: deps.clock.now() });
    const [again] = deps.tasks.enqueued.slice(tasksBefore);
    expect(again?.payload).toEqual({ kind: "webhook.deliver.v1", messageId });
    expect(again?.delaySeconds).toBeGreaterThanOrEqual(1);
    expect(again?.delaySeconds).toBeLessThanOrEqual(3);
    expect(deps.logger.entries).toContainEqual(expect.objectContaining({ code: "webhook.delivery.deferred", fields: expect.objectContaining({ reason: "busy" }) }));
  });

  it("opens the breaker after three failures in a row, sends nothing while it is open, then lets one probe through, which closes it", async () => {
    const deps = inMemoryDeps();
    const { endpoint, messageId } = await pendingMessage(deps);
    deps.sender.reply = { status: null, latencyMs: 10_000, error: "timeout" };
    for (let i = 0; i < breakerThreshold; i++) expect(await deliverWebhookMessage(deps, messageId)).toBe("scheduled");

    expect(await deliverWebhookMessage(deps, messageId)).toBe("deferred");
    expect(deps.sender.requests).toHaveLength(breakerThreshold);
    expect(deps.logger.entries.at(-1)?.fields).toMatchObject({ reason: "open", endpointId: endpoint.id });
    expect(deps.tasks.enqueued.at(-1)?.delaySeconds).toBeGreaterThanOrEqual(cooldownSeconds(breakerThreshold));

    deps.clock.advance(cooldownSeconds(breakerThreshold) * 1000);
    deps.sender.reply = { status: 204, latencyMs: 5 };
    expect(await deliverWebhookMessage(deps, messageId)).toBe("delivered");
    expect(deps.gate.breakers.get(endpoint.id)?.failures).toBe(0);
    expect((await deps.webhookMessages.findById(messageId))?.attempts).toHaveLength(breakerThreshold + 1);
  });

  it("does not count a receiver's refusal (4xx) toward the breaker", async () => {
    const deps = inMemoryDeps();
    const { endpoint, messageId } = await pendingMessage(deps);
    deps.sender.reply = { status: 400, latencyMs: 5 };
    for (let i = 0; i < breakerThreshold + 1; i++) expect(await deliverWebhookMessage(deps, messageId)).toBe("scheduled");
    expect(deps.gate.breakers.get(endpoint.id)?.failures).toBe(0);
    expect(deps.sender.requests).toHaveLength(breakerThreshold + 1);
  });
});

describe("redriveStalledMessages", () => {
  it("gives a delivery task again to a pending message idle since the time given, once however many runs race", async () => {
    const deps = inMemoryDeps();
    const { messageId } = await pendingMessage(deps);
    deps.clock.advance(120_000);
    const olderThan = new Date(deps.clock.now().getTime() - 60_000);
    const tasksBefore = deps.tasks.enqueued.length;

    const runs = await Promise.all([redriveStalledMessages(deps, { olderThan, limit: 10 }), redriveStalledMessages(deps, { olderThan, limit: 10 })]);

    expect(runs.flat().map((message) => message.id)).toEqual([messageId]);
    expect(deps.tasks.enqueued.slice(tasksBefore).map((task) => task.payload)).toEqual([{ kind: "webhook.deliver.v1", messageId, attempt: 1 }]);
    expect(await redriveStalledMessages(deps, { olderThan, limit: 10 })).toEqual([]);
  });
});
