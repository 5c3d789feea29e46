import type { z } from "zod";
import { OpportunityIn, Question, type Task } from "../../../src/contracts/opportunities.js";
import { orgRoles, type ApiScope } from "../../../src/contracts/route.js";
import { issueApiKey } from "../../../src/domain/identity/api-key.js";
import type { Principal } from "../../../src/domain/identity/principal.js";
import type { Organization } from "../../../src/domain/organizations/organization.js";
import { draftOpportunity, type Opportunity } from "../../../src/domain/opportunities/opportunity.js";
import type { Ids } from "../../../src/ports/ids.js";
import type { WebhookEndpoint } from "../../../src/domain/webhooks/webhook-endpoint.js";
import type { InMemoryDeps } from "./in-memory-ports.js";

type UserPrincipal = Extract<Principal, { kind: "user" }>;
type ApiKeyPrincipal = Extract<Principal, { kind: "api_key" }>;

export const question = (input: z.input<typeof Question>): Question => Question.parse(input);

export const surveyWith = (questions: z.input<typeof Question>[], id = "survey"): z.input<typeof Task> => ({ id, type: "survey", title: `Survey ${id}`, questions });

/** A survey task of a required 1–5 rating and an optional comment; `validAnswers` answer it. */
export const surveyTask = (id: string) =>
  surveyWith(
    [
      { id: "score", type: "rating", prompt: "How did it taste?" },
      { id: "comment", type: "text", prompt: "Anything else?", required: false },
    ],
    id,
  );

export const validAnswers = { score: 4 };

/** An opportunity as the API would receive it, with the schema's defaults applied. */
export function opportunityIn(overrides: Partial<z.input<typeof OpportunityIn>> = {}): OpportunityIn {
  return OpportunityIn.parse({
    orgId: "org_AcmeResearch000001",
    title: "Taste test",
    tasks: [surveyTask("taste")],
    reward: { type: "points", value: 50 },
    capacity: 10,
    ...overrides,
  });
}

/** An opportunity stored as published now, open for claims. */
export async function activeOpportunity(deps: InMemoryDeps, overrides: Partial<z.input<typeof OpportunityIn>> = {}): Promise<Opportunity> {
  const now = deps.clock.now();
  const opportunity: Opportunity = { ...draftOpportunity(opportunityIn(overrides), deps.ids.next("opp"), now), status: "active", publishedAt: now };
  await deps.opportunities.insert(opportunity);
  return opportunity;
}

export const participant = (deps: { ids: Ids }): UserPrincipal => ({ kind: "user", userId: deps.ids.next("usr"), anonymous: false, operator: false });

/** An organization with one member in each role. */
export async function organizationWithEveryRole(deps: InMemoryDeps) {
  const people = { owner: participant(deps), admin: participant(deps), reviewer: participant(deps), developer: participant(deps), viewer: participant(deps) };
  const org: Organization = {
    id: deps.ids.next("org"),
    name: "Acme Research",
    members: orgRoles.map((role) => ({ userId: people[role].userId, role })),
    createdAt: deps.clock.now(),
    version: 1,
  };
  await deps.organizations.insert(org);
  return { org, ...people };
}

/** A stored API key of the organization: the key a client sends, and the principal it proves. */
export async function storedApiKey(deps: InMemoryDeps, orgId: string, scopes: ApiScope[], creator?: string): Promise<{ key: string; principal: ApiKeyPrincipal }> {
  // By default the key is the organization's owner's, whose role grants every scope.
  const createdBy = creator ?? (await deps.organizations.findById(orgId))?.members.find((m) => m.role === "owner")?.userId ?? deps.ids.next("usr");
  const { apiKey, key } = issueApiKey({ orgId, name: "ci", scopes, createdBy }, deps.ids.next("key"), deps.clock.now());
  await deps.apiKeys.insert(apiKey);
  return { key, principal: { kind: "api_key", keyId: apiKey.id, orgId, scopes, createdBy } };
}

/** A webhook endpoint of the organization subscribed to `eventTypes`. */
export async function storedEndpoint(deps: InMemoryDeps, orgId: string, eventTypes: string[], overrides: Partial<WebhookEndpoint> = {}): Promise<WebhookEndpoint> {
  const id = deps.ids.next("whe");
  const endpoint: WebhookEndpoint = {
    id,
    orgId,
    url: `https://hooks.example.com/${id}`,
    eventTypes,
    description: "",
    status: "enabled",
    headers: {},
    metadata: {},
    rateLimitPerSecond: null,
    secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    signingKey: null,
    previous: null,
    failingSince: null,
    createdAt: deps.clock.now(),
    version: 1,
    ...overrides,
  };
  await deps.webhookEndpoints.insert(endpoint);
  return endpoint;
}
