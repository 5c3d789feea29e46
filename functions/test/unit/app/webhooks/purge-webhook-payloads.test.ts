import { describe, expect, it } from "vitest";
import { deliverWebhookMessage } from "../../../../src/app/webhooks/deliver-webhook-message.js";
import { fanOutEvent } from "../../../../src/app/webhooks/fan-out-event.js";
import { purgeWebhookPayloads } from "../../../../src/app/webhooks/purge-webhook-payloads.js";
import { getWebhookMessage, resendWebhookMessage } from "../../../../src/app/webhooks/replay-webhook-messages.js";
import { getWebhookSettings, updateWebhookSettings } from "../../../../src/app/webhooks/webhook-settings.js";
import { domainEvent } from "../../../../src/domain/events/domain-event.js";
import { messageIdFor } from "../../../../src/domain/webhooks/webhook-message.js";
import { organizationWithEveryRole, storedEndpoint } from "../../support/fixtures.js";
import { inMemoryDeps, type InMemoryDeps } from "../../support/in-memory-ports.js";

const dayMs = 24 * 60 * 60 * 1000;

async function delivered(deps: InMemoryDeps, orgId: string, endpointId: string): Promise<string> {
  const event = domainEvent("opportunity.published.v1", orgId, { opportunityId: "opp_0000000000000001" }, deps.ids.next("evt"), deps.clock.now());
  await fanOutEvent(deps, event);
  const messageId = messageIdFor(event.id, endpointId);
  expect(await deliverWebhookMessage(deps, messageId, 1)).toBe("delivered");
  return messageId;
}

describe("the retention of message payloads", () => {
  it("keeps payloads 90 days by default, then removes them and keeps the message and its attempts", async () => {
    const deps = inMemoryDeps();
    const { org, owner, viewer } = await organizationWithEveryRole(deps);
    const endpoint = await storedEndpoint(deps, org.id, ["opportunity.published.v1"]);
    expect(await getWebhookSettings(deps, viewer, org.id)).toEqual({ messageRetentionDays: 90 });
    const old = await delivered(deps, org.id, endpoint.id);
    deps.clock.advance(89 * dayMs);
    const recent = await delivered(deps, org.id, endpoint.id);
    expect(await purgeWebhookPayloads(deps)).toEqual({ organizations: 1, purged: 0 });

    deps.clock.advance(1 * dayMs + 1);
    expect(await purgeWebhookPayloads(deps)).toEqual({ organizations: 1, purged: 1 });
    expect(await getWebhookMessage(deps, viewer, org.id, old)).toMatchObject({ status: "delivered", attempts: 1, payload: null, payloadPurgedAt: deps.clock.now().toISOString() });
    expect(await getWebhookMessage(deps, viewer, org.id, recent)).toMatchObject({ payload: { type: "opportunity.published.v1" }, payloadPurgedAt: null });
    expect((await deps.webhookMessages.findById(old))?.payload).toBe("");
    // A second run finds nothing more; a purged message cannot be resent.
    expect(await purgeWebhookPayloads(deps)).toEqual({ organizations: 1, purged: 0 });
    await expect(resendWebhookMessage(deps, owner, org.id, old)).rejects.toMatchObject({ code: "invalid_state" });
  });

  it("follows each organization's own setting, and never takes a pending message's payload", async () => {
    const deps = inMemoryDeps();
    const short = await organizationWithEveryRole(deps);
    const long = await organizationWithEveryRole(deps);
    const shortEndpoint = await storedEndpoint(deps, short.org.id, ["opportunity.published.v1"]);
    const longEndpoint = await storedEndpoint(deps, long.org.id, ["opportunity.published.v1"]);
    expect(await updateWebhookSettings(deps, short.owner, short.org.id, { messageRetentionDays: 7 })).toEqual({ messageRetentionDays: 7 });
    await expect(updateWebhookSettings(deps, short.viewer, short.org.id, { messageRetentionDays: 1 })).rejects.toMatchObject({ code: "forbidden" });
    const shortOne = await delivered(deps, short.org.id, shortEndpoint.id);
    const longOne = await delivered(deps, long.org.id, longEndpoint.id);
    const pending = domainEvent("opportunity.published.v1", short.org.id, { opportunityId: "opp_0000000000000002" }, deps.ids.next("evt"), deps.clock.now());
    await fanOutEvent(deps, pending);
    deps.clock.advance(8 * dayMs);
    expect(await purgeWebhookPayloads(deps)).toEqual({ organizations: 2, purged: 1 });
    expect((await deps.webhookMessages.findById(shortOne))?.payloadPurgedAt).not.toBeNull();
    expect((await deps.webhookMessages.findById(longOne))?.payloadPurgedAt).toBeNull();
    expect((await deps.webhookMessages.findById(messageIdFor(pending.id, shortEndpoint.id)))?.payloadPurgedAt).toBeNull();
  });
});
