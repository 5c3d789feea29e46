import { describe, expect, it } from "vitest";
import { deliverWebhookMessage } from "../../../../src/app/webhooks/deliver-webhook-message.js";
import { listWebhookEndpointAttempts } from "../../../../src/app/webhooks/list-webhook-attempts.js";
import { listWebhookEventTypes } from "../../../../src/app/webhooks/list-webhook-event-types.js";
import { getWebhookMessage } from "../../../../src/app/webhooks/replay-webhook-messages.js";
import { sendTestWebhook } from "../../../../src/app/webhooks/send-test-webhook.js";
import { updateAggregate } from "../../../../src/app/shared/update-aggregate.js";
import { DomainEvent, webhookPayloadOf } from "../../../../src/contracts/events.js";
import { webhookPayloadSchemaOf } from "../../../../src/contracts/webhook-event-catalog.js";
import { maxAttempts } from "../../../../src/domain/webhooks/retry-schedule.js";
import { organizationWithEveryRole, storedEndpoint } from "../../support/fixtures.js";
import { inMemoryDeps } from "../../support/in-memory-ports.js";

const eventTypesOfTheUnion = DomainEvent.options.map((option) => option.shape.type.value).sort();

describe("the webhook event catalog", () => {
  it("lists every event type of the contracts, each with a JSON Schema its example satisfies", () => {
    const { data } = listWebhookEventTypes();
    expect(data.map((entry) => entry.type).sort()).toEqual(eventTypesOfTheUnion);
    for (const entry of data) {
      expect(entry.description.length).toBeGreaterThan(10);
      expect(entry.schema).toMatchObject({ $schema: "https://json-schema.org/draft/2020-12/schema", type: "object", properties: { type: { const: entry.type } } });
      expect(webhookPayloadSchemaOf(entry.type as DomainEvent["type"]).safeParse(entry.example).success).toBe(true);
      // The example is what webhookPayloadOf would send for such an event.
      const { data: fields, ...rest } = entry.example as { type: string; timestamp: string; data: { id: string; version: 1; orgId: string } & Record<string, unknown> };
      const { id, version: _version, orgId, ...eventData } = fields;
      const event = DomainEvent.parse({ id, type: rest.type, version: 1, orgId, occurredAt: rest.timestamp, data: eventData });
      expect(webhookPayloadOf(event)).toEqual(entry.example);
    }
  });

  it("refuses a payload whose data misses a field of its contract", () => {
    const schema = webhookPayloadSchemaOf("claim.created.v1");
    const example = listWebhookEventTypes().data.find((entry) => entry.type === "claim.created.v1")!.example as { data: Record<string, unknown> };
    const { userId: _userId, ...data } = example.data;
    expect(schema.safeParse({ ...example, data }).success).toBe(false);
  });
});

describe("sending a test event", () => {
  it("delivers the signed example through the delivery path, marked as a test, causing no operational event", async () => {
    const deps = inMemoryDeps();
    const { org, owner, viewer } = await organizationWithEveryRole(deps);
    const endpoint = await storedEndpoint(deps, org.id, ["opportunity.published.v1"]);
    const from = deps.tasks.enqueued.length;
    const sent = await sendTestWebhook(deps, owner, org.id, endpoint.id, { eventType: "reward.issued.v1" });
    expect(sent).toMatchObject({ endpointId: endpoint.id, messageId: expect.stringMatching(/^msg_/), eventType: "reward.issued.v1" });
    expect(deps.tasks.enqueued.slice(from).map((t) => t.payload)).toEqual([{ kind: "webhook.deliver.v1", messageId: sent.messageId, attempt: 1 }]);

    deps.sender.reply = { status: 400, latencyMs: 3 }; // 400 does not open the breaker, so every attempt runs
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      await deliverWebhookMessage(deps, sent.messageId, attempt);
      deps.clock.advance(1_000);
    }
    const request = deps.sender.requests[0]!;
    expect(request.signature).toMatch(/^v1,/);
    expect(JSON.parse(request.body)).toMatchObject({ type: "reward.issued.v1", data: { orgId: org.id, rewardId: expect.stringMatching(/^rwd_/) } });
    const message = await getWebhookMessage(deps, viewer, org.id, sent.messageId);
    expect(message).toMatchObject({ test: true, status: "failed", payloadPurgedAt: null, payload: { type: "reward.issued.v1" } });
    const log = await listWebhookEndpointAttempts(deps, viewer, org.id, endpoint.id, { limit: 20 });
    expect(log.data.every((attempt) => attempt.test)).toBe(true);
    expect((await deps.webhookMessages.findById(sent.messageId))?.notices).toEqual([]);
  });

  it("is refused to a viewer and to a disabled endpoint", async () => {
    const deps = inMemoryDeps();
    const { org, owner, viewer } = await organizationWithEveryRole(deps);
    const endpoint = await storedEndpoint(deps, org.id, ["opportunity.published.v1"]);
    await expect(sendTestWebhook(deps, viewer, org.id, endpoint.id, { eventType: "claim.created.v1" })).rejects.toMatchObject({ code: "forbidden" });
    await updateAggregate(deps.webhookEndpoints, endpoint.id, (current) => ({ next: { ...current, status: "disabled" as const } }));
    await expect(sendTestWebhook(deps, owner, org.id, endpoint.id, { eventType: "claim.created.v1" })).rejects.toMatchObject({ code: "invalid_state" });
  });
});
