import type { Db, Document } from "mongodb";
import { z } from "zod";
import { Claim } from "../../domain/claims/claim.js";
import { Submission } from "../../domain/claims/submission.js";
import { ApiKey } from "../../domain/identity/api-key.js";
import { User } from "../../domain/identity/user.js";
import { Opportunity } from "../../domain/opportunities/opportunity.js";
import { Organization } from "../../domain/organizations/organization.js";
import { Reward } from "../../domain/rewards/reward.js";
import { WebhookEndpoint } from "../../domain/webhooks/webhook-endpoint.js";
import { WebhookMessage } from "../../domain/webhooks/webhook-message.js";
import type { OutboxSource } from "../../ports/outbox.js";
import { aggregateCollection, type StoredForm } from "./aggregate-store.js";

// The one place that names the collections of aggregates: nothing outside adapters/mongo knows them.

/** Every aggregate's collection, each with the one codec that stores and parses it. */
export function aggregateCollections(db: Db) {
  return {
    organizations: aggregateCollection(db, "organizations", Organization),
    users: aggregateCollection(db, "users", User),
    apiKeys: aggregateCollection(db, "api_keys", ApiKey),
    opportunities: aggregateCollection(db, "opportunities", Opportunity),
    claims: aggregateCollection(db, "claims", Claim),
    submissions: aggregateCollection(db, "submissions", Submission, answersAsList),
    rewards: aggregateCollection(db, "rewards", Reward),
    webhookEndpoints: aggregateCollection(db, "webhook_endpoints", WebhookEndpoint),
    webhookMessages: aggregateCollection(db, "webhook_messages", WebhookMessage),
  };
}

/** The collection of each kind of aggregate that carries an outbox. */
export const outboxCollections: Record<OutboxSource["aggregate"], string> = {
  opportunity: "opportunities",
  claim: "claims",
  reward: "rewards",
};

const StoredAnswers = z.array(z.object({ questionId: z.string(), value: z.unknown() }));

/**
 * Answers are kept as a list of {questionId, value}, not as an object keyed by question id: a
 * rejected submission is stored with whatever keys the participant sent, and such keys are not
 * safe as field names.
 */
const answersAsList: StoredForm = {
  toStored: ({ answers, ...fields }: Document) => ({
    ...fields,
    answers: Object.entries(z.record(z.string(), z.unknown()).parse(answers)).map(([questionId, value]) => ({ questionId, value })),
  }),
  fromStored: ({ answers, ...fields }: Document) => {
    const list = StoredAnswers.safeParse(answers);
    // Left as it is when malformed, for the aggregate's schema to report as corrupt.
    return { ...fields, answers: list.success ? Object.fromEntries(list.data.map(({ questionId, value }) => [questionId, value])) : answers };
  },
};
