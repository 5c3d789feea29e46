import { z } from "zod";
import { EventId, OrgId, Timestamp } from "./common.js";
import { DomainEvent, type EventOf, type EventType } from "./events.js";

// The catalog of webhook event types: what each means, the JSON Schema of the payload a receiver
// gets (generated from the zod event contracts, so it can never drift from what is sent) and an
// example of it. The descriptions and examples are typed by event type: a new event type does
// not compile until it has both.

interface CatalogEntry<T extends EventType> {
  description: string;
  example: EventOf<T>["data"];
}

const ids = {
  opp: "opp_2f9c41d07e5a4b1c",
  clm: "clm_8b1e2d3c4f5a6b7c",
  sub: "sub_5d6e7f8091a2b3c4",
  usr: "usr_c0ffee00c0ffee00",
  rwd: "rwd_1a2b3c4d5e6f7a8b",
  pay: "pay_9f8e7d6c5b4a3f2e",
  whe: "whe_0a1b2c3d4e5f6a7b",
  msg: "msg_3c4d5e6f7a8b9c0d1e2f3a4b",
  evt: "evt_7a6b5c4d3e2f1a0b",
  vpl: "vpl_4e5f6a7b8c9d0e1f",
  rdm: "rdm_6a7b8c9d0e1f2a3b",
  rof: "rof_2b3c4d5e6f7a8b9c",
  adm: "usr_a0a0a0a0b1b1b1b1",
} as const;
const at = "2026-03-01T12:00:00.000Z";
const submission = { submissionId: ids.sub, claimId: ids.clm, opportunityId: ids.opp, taskId: "photo", userId: ids.usr };
const messageRef = { messageId: ids.msg, endpointId: ids.whe, eventId: ids.evt, eventType: "claim.completed.v1", attempts: 4, lastStatus: 503 };

export const webhookEventCatalog: { [T in EventType]: CatalogEntry<T> } = {
  "opportunity.published.v1": { description: "An opportunity was published: participants can now claim it.", example: { opportunityId: ids.opp } },
  "opportunity.paused.v1": { description: "A live opportunity was paused: no new claims until it resumes.", example: { opportunityId: ids.opp } },
  "opportunity.resumed.v1": { description: "A paused opportunity was resumed.", example: { opportunityId: ids.opp } },
  "opportunity.completed.v1": { description: "An opportunity ended: by hand, at its expiry, or when its places were all used.", example: { opportunityId: ids.opp, reason: "capacity_reached" } },
  "opportunity.archived.v1": { description: "A completed opportunity was archived.", example: { opportunityId: ids.opp } },
  "claim.created.v1": { description: "A participant claimed an opportunity.", example: { claimId: ids.clm, opportunityId: ids.opp, userId: ids.usr } },
  "claim.completed.v1": { description: "Every task of a claim was approved: its reward is on its way.", example: { claimId: ids.clm, opportunityId: ids.opp, userId: ids.usr, completedAt: at } },
  "claim.withdrawn.v1": { description: "A participant withdrew their claim; its place is free again.", example: { claimId: ids.clm, opportunityId: ids.opp, userId: ids.usr, withdrawnAt: at } },
  "claim.expired.v1": { description: "A claim reached its deadline unfinished.", example: { claimId: ids.clm, opportunityId: ids.opp, userId: ids.usr, deadline: at, expiredAt: at } },
  "claim.rejected.v1": { description: "A claim ended because a task was rejected with no attempt left.", example: { claimId: ids.clm, opportunityId: ids.opp, userId: ids.usr, taskId: "photo", rejectedAt: at } },
  "submission.created.v1": { description: "A participant submitted a task; the automatic checks' verdict is in `status`.", example: { ...submission, attempt: 1, status: "needs_review" } },
  "submission.approved.v1": { description: "A submission was approved, by the checks, a reviewer or auto-approval.", example: { ...submission, attempt: 1, decidedBy: "reviewer" } },
  "submission.rejected.v1": { description: "A submission was rejected; `attemptsLeft` says whether the participant may try again.", example: { ...submission, attempt: 1, decidedBy: "reviewer", reasonCode: "low_quality", attemptsLeft: 1 } },
  "reward.issued.v1": { description: "A completed claim's reward was issued (points, a voucher or cash).", example: { rewardId: ids.rwd, claimId: ids.clm, userId: ids.usr, type: "points", value: 500, currency: null } },
  "reward.failed.v1": { description: "A reward could not be issued: its voucher pool is empty, or its payout failed.", example: { rewardId: ids.rwd, claimId: ids.clm, userId: ids.usr, type: "voucher", reason: "pool_exhausted" } },
  "payout.paid.v1": { description: "A cash payout reached the participant.", example: { payoutId: ids.pay, rewardId: ids.rwd, claimId: ids.clm, userId: ids.usr, amount: 1500, currency: "USD", paidAt: at } },
  "payout.failed.v1": { description: "A cash payout failed for good.", example: { payoutId: ids.pay, rewardId: ids.rwd, claimId: ids.clm, userId: ids.usr, reason: "provider_refused" } },
  "voucher_pool.low.v1": { description: "A voucher pool fell to its low-stock threshold.", example: { poolId: ids.vpl, available: 10, lowStockThreshold: 10 } },
  "voucher_pool.restocked.v1": { description: "Codes were added to a voucher pool.", example: { poolId: ids.vpl, added: 500, available: 510 } },
  "message.attempt.failing.v1": { description: "A webhook message to another endpoint has failed 4 times.", example: messageRef },
  "message.attempt.exhausted.v1": { description: "A webhook message to another endpoint failed every attempt of its schedule.", example: { ...messageRef, attempts: 8 } },
  "message.attempt.recovered.v1": { description: "A webhook message that was failing was delivered.", example: { ...messageRef, attempts: 5, lastStatus: 200 } },
  "endpoint.disabled.v1": { description: "A webhook endpoint was disabled: it answered 410, or failed for 5 days.", example: { endpointId: ids.whe, reason: "failing", failingSince: at } },
  "points.adjusted.v1": { description: "An organization member adjusted a participant's points.", example: { entryId: "pte_0b1c2d3e4f5a6b7c", userId: ids.usr, points: 100, balanceAfter: 600, reason: "Goodwill credit", adjustedBy: ids.adm } },
  "points.redeemed.v1": { description: "A participant redeemed points for an offer.", example: { redemptionId: ids.rdm, offerId: ids.rof, userId: ids.usr, points: 300, poolId: ids.vpl } },
  "points.expired.v1": { description: "Points a participant earned expired unspent.", example: { entryId: "pte_1c2d3e4f5a6b7c8d", userId: ids.usr, points: 50, balanceAfter: 550, earnEntryId: "pte_0a1b2c3d4e5f6a7b" } },
  "user.erased.v1": {
    description: "A participant who took part in the organization's opportunities was erased at their request: their personal data can no longer be read anywhere; delete what you keep about them.",
    example: { userId: ids.usr, erasedAt: "2026-11-29T09:00:00.000Z" },
  },
};

export const webhookEventTypes = Object.keys(webhookEventCatalog) as EventType[];

/** The envelope of one event type as zod declares it (an option of the DomainEvent union). */
function envelopeOf(type: EventType) {
  const option = DomainEvent.options.find((candidate) => candidate.shape.type.value === type);
  if (!option) throw new Error(`no event contract for ${type}`);
  return option;
}

/**
 * The schema of the webhook payload of one event type: `webhookPayloadOf`'s shape, the event's
 * data spread beside its id, version and organization.
 */
export function webhookPayloadSchemaOf(type: EventType) {
  const data = envelopeOf(type).shape.data as z.ZodObject;
  return z.strictObject({
    type: z.literal(type),
    timestamp: Timestamp,
    data: z.strictObject({ id: EventId, version: z.literal(1), orgId: OrgId, ...data.shape }),
  });
}

/** An example payload of one event type, as a receiver would get it from `orgId`. */
export function examplePayloadOf(type: EventType, event: { id: string; orgId: string; occurredAt: string } = { id: ids.evt, orgId: "org_5e6f7a8b9c0d1e2f", occurredAt: at }) {
  return { type, timestamp: event.occurredAt, data: { id: event.id, version: 1 as const, orgId: event.orgId, ...webhookEventCatalog[type].example } };
}

export const WebhookEventTypeOut = z
  .object({
    type: z.string().describe("Dotted and versioned, as in the payload's `type` and an endpoint's `eventTypes`"),
    description: z.string(),
    schema: z.record(z.string(), z.unknown()).describe("JSON Schema (draft 2020-12) of the payload a receiver gets for this type"),
    example: z.record(z.string(), z.unknown()).describe("An example payload of this type"),
  })
  .meta({ id: "WebhookEventType" });
export type WebhookEventTypeOut = z.infer<typeof WebhookEventTypeOut>;
