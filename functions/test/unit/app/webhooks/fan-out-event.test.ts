import { describe, expect, it } from "vitest";
import { fanOutEvent } from "../../../../src/app/webhooks/fan-out-event.js";
import { messageIdFor } from "../../../../src/domain/webhooks/webhook-message.js";
import { WebhookMessageId } from "../../../../src/contracts/common.js";
import { domainEvent } from "../../../../src/domain/events/domain-event.js";
import { storedEndpoint } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";

const orgId = "org_AcmeResearch000001";

function claimCreated(deps: InMemoryDeps) {
  const data = { claimId: "clm_0000000000000001", opportunityId: "opp_0000000000000001", userId: "usr_0000000000000001" };
  return domainEvent("claim.created.v1", orgId, data, deps.ids.next("evt"), deps.clock.now());
}

describe("fanOutEvent", () => {
  it("creates one message and one named delivery task per subscribed endpoint", async () => {
    const deps = inMemoryDeps();
    const endpoints = [await storedEndpoint(deps, orgId, ["claim.created.v1"]), await storedEndpoint(deps, orgId, ["claim.created.v1", "claim.completed.v1"])];
    const event = claimCreated(deps);

    expect(await fanOutEvent(deps, event)).toBe(2);

    const messageIds = endpoints.map((endpoint) => messageIdFor(event.id, endpoint.id));
    expect(deps.webhookMessages.table.all()).toMatchObject(
      endpoints.map((endpoint, i) => ({ id: messageIds[i], endpointId: endpoint.id, orgId, eventId: event.id, eventType: event.type, status: "pending", attempts: [] })),
    );
    expect(deps.tasks.enqueued).toEqual(messageIds.map((messageId) => ({ payload: { kind: "webhook.deliver.v1", messageId, attempt: 1 }, name: messageId })));
  });

  it("maps the same event onto the same messages and tasks when it arrives again", async () => {
    const deps = inMemoryDeps();
    await storedEndpoint(deps, orgId, ["claim.created.v1"]);
    await storedEndpoint(deps, orgId, ["claim.created.v1"]);
    const event = claimCreated(deps);
    await fanOutEvent(deps, event);
    const firstMessages = deps.webhookMessages.table.all();
    deps.clock.advance(60_000);

    expect(await fanOutEvent(deps, event)).toBe(2);

    expect(deps.webhookMessages.table.all()).toEqual(firstMessages);
    expect(deps.tasks.enqueued).toHaveLength(2);
  });

  it("skips endpoints of other organizations and of other event types", async () => {
    const deps = inMemoryDeps();
    await storedEndpoint(deps, "org_SomeoneElse00000001", ["claim.created.v1"]);
    await storedEndpoint(deps, orgId, ["reward.issued.v1"]);

    expect(await fanOutEvent(deps, claimCreated(deps))).toBe(0);
    expect(deps.webhookMessages.table.all()).toEqual([]);
    expect(deps.tasks.enqueued).toEqual([]);
  });

  it("sends the event as a Standard Webhooks payload: type, timestamp and the data with the event's id", async () => {
    const deps = inMemoryDeps();
    await storedEndpoint(deps, orgId, ["claim.created.v1"]);
    const event = claimCreated(deps);
    await fanOutEvent(deps, event);

    const [message] = deps.webhookMessages.table.all();
    expect(JSON.parse(message?.payload ?? "null")).toEqual({
      type: "claim.created.v1",
      timestamp: "2026-03-02T09:00:00.000Z",
      data: { id: event.id, version: 1, orgId, ...event.data },
    });
  });
});

describe("messageIdFor", () => {
  it("is a valid message id, the same for the same event and endpoint, different for another endpoint", () => {
    const id = messageIdFor("evt_0000000000000001", "whe_0000000000000001");
    expect(WebhookMessageId.safeParse(id).success).toBe(true);
    expect(messageIdFor("evt_0000000000000001", "whe_0000000000000001")).toBe(id);
    expect(messageIdFor("evt_0000000000000001", "whe_0000000000000002")).not.toBe(id);
  });
});
