import { describe, expect, it } from "vitest";
import { deliverWebhookMessage } from "../../../../src/app/webhooks/deliver-webhook-message.js";
import { fanOutEvent } from "../../../../src/app/webhooks/fan-out-event.js";
import { listWebhookEndpointAttempts, listWebhookMessageAttempts } from "../../../../src/app/webhooks/list-webhook-attempts.js";
import { domainEvent } from "../../../../src/domain/events/domain-event.js";
import { messageIdFor } from "../../../../src/domain/webhooks/webhook-message.js";
import { organizationWithEveryRole, participant, storedEndpoint } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";

const page = { limit: 20 };

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

describe("the attempt log", () => {
  it("records every attempt once, in order, even when a task runs again for an attempt already made", async () => {
    const { deps, org, owner, endpoint } = await world();
    const messageId = await publish(deps, org.id, endpoint.id);
    deps.sender.reply = { status: 503, latencyMs: 40, responseExcerpt: "down for maintenance" };
    expect(await deliverWebhookMessage(deps, messageId, 1)).toBe("scheduled");
    // The same task again (a crash after saving): no second attempt, no second record.
    expect(await deliverWebhookMessage(deps, messageId, 1)).toBe("stale");
    deps.clock.advance(10_000);
    deps.sender.reply = { status: 200, latencyMs: 9, responseExcerpt: "ok" };
    expect(await deliverWebhookMessage(deps, messageId, 2)).toBe("delivered");

    const listed = await listWebhookMessageAttempts(deps, owner, org.id, messageId, page);
    expect(listed.data.map((a) => [a.number, a.responseStatus, a.statusClass, a.outcome, a.latencyMs, a.responseExcerpt, a.trigger])).toEqual([
      [2, 200, "2xx", "succeeded", 9, "ok", "scheduled"],
      [1, 503, "5xx", "failed", 40, "down for maintenance", "scheduled"],
    ]);
    expect(deps.webhookAttempts.records.size).toBe(2);
  });

  it("records an attempt whose log write was lost when its task runs again", async () => {
    const { deps, org, owner, endpoint } = await world();
    const messageId = await publish(deps, org.id, endpoint.id);
    deps.sender.reply = { status: 500, latencyMs: 5 };
    await deliverWebhookMessage(deps, messageId, 1);
    deps.webhookAttempts.records.clear(); // as if the process died between saving the message and writing the record
    expect(await deliverWebhookMessage(deps, messageId, 1)).toBe("stale");
    expect((await listWebhookMessageAttempts(deps, owner, org.id, messageId, page)).data.map((a) => a.number)).toEqual([1]);
  });

  it("lists an endpoint's attempts with filters and cursor pages", async () => {
    const { deps, org, viewer, endpoint } = await world();
    for (const status of [500, 502, 404, 200]) {
      const messageId = await publish(deps, org.id, endpoint.id);
      deps.sender.reply = { status, latencyMs: 5 };
      await deliverWebhookMessage(deps, messageId, 1);
      deps.clock.advance(60_000);
    }
    const all = await listWebhookEndpointAttempts(deps, viewer, org.id, endpoint.id, page);
    expect(all.data.map((a) => a.responseStatus)).toEqual([200, 404, 502, 500]);

    const first = await listWebhookEndpointAttempts(deps, viewer, org.id, endpoint.id, { limit: 1, statusClass: "5xx" });
    expect(first.data.map((a) => a.responseStatus)).toEqual([502]);
    const second = await listWebhookEndpointAttempts(deps, viewer, org.id, endpoint.id, { limit: 1, statusClass: "5xx", cursor: first.nextCursor! });
    expect(second).toMatchObject({ data: [{ responseStatus: 500 }], nextCursor: null });

    expect((await listWebhookEndpointAttempts(deps, viewer, org.id, endpoint.id, { ...page, status: "failed" })).data).toHaveLength(3);
    const since = new Date(all.data[2]!.at).toISOString();
    const until = new Date(all.data[0]!.at).toISOString();
    expect((await listWebhookEndpointAttempts(deps, viewer, org.id, endpoint.id, { ...page, since, until })).data.map((a) => a.responseStatus)).toEqual([404, 502]);
    expect((await listWebhookEndpointAttempts(deps, viewer, org.id, endpoint.id, { ...page, eventType: "claim.completed.v1" })).data).toEqual([]);
    await expect(listWebhookEndpointAttempts(deps, viewer, org.id, endpoint.id, { ...page, since: until, until: since })).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("is read with webhooks:read: viewers and developers read it, reviewers and strangers do not, other organizations see nothing", async () => {
    const { deps, org, viewer, developer, reviewer, endpoint } = await world();
    const messageId = await publish(deps, org.id, endpoint.id);
    await deliverWebhookMessage(deps, messageId, 1);
    expect((await listWebhookMessageAttempts(deps, viewer, org.id, messageId, page)).data).toHaveLength(1);
    expect((await listWebhookEndpointAttempts(deps, developer, org.id, endpoint.id, page)).data).toHaveLength(1);
    await expect(listWebhookEndpointAttempts(deps, reviewer, org.id, endpoint.id, page)).rejects.toMatchObject({ code: "forbidden" });
    await expect(listWebhookMessageAttempts(deps, participant(deps), org.id, messageId, page)).rejects.toMatchObject({ code: "not_found" });
    const other = await organizationWithEveryRole(deps);
    await expect(listWebhookMessageAttempts(deps, other.owner, other.org.id, messageId, page)).rejects.toMatchObject({ code: "not_found" });
    await expect(listWebhookEndpointAttempts(deps, other.owner, other.org.id, endpoint.id, page)).rejects.toMatchObject({ code: "not_found" });
  });
});
