import { z } from "zod";
import { WebhookEndpointOut, type WebhookEndpointIn, type WebhookEndpointPatch } from "../../contracts/organizations.js";
import { firstVersion, Version } from "../aggregate.js";
import { newSigningKey, newSigningSecret, type SigningMaterial } from "./signing.js";

/** How long a replaced secret (and key) keeps signing after a rotation: a day for the receiver to switch. */
export const rotationOverlapMs = 24 * 60 * 60 * 1000;

/** The secret and key a rotation replaced, and until when they still sign. */
export const ReplacedSigning = z.object({ secret: z.string().min(1), signingKey: z.string().nullable(), expiresAt: z.date() });
export type ReplacedSigning = z.infer<typeof ReplacedSigning>;

/**
 * A URL of an organization's that receives the events it subscribed to, signed with its secret
 * (and its ed25519 key, with asymmetric signing). Fields added after endpoints were first stored
 * have defaults, so an endpoint stored before them reads as enabled, with nothing extra.
 */
export const WebhookEndpoint = WebhookEndpointOut.omit({ secret: true, previousSecretExpiresAt: true, publicKey: true, previousPublicKey: true }).extend({
  status: WebhookEndpointOut.shape.status.default("enabled"),
  headers: WebhookEndpointOut.shape.headers.default({}),
  metadata: WebhookEndpointOut.shape.metadata.default({}),
  rateLimitPerSecond: WebhookEndpointOut.shape.rateLimitPerSecond.default(null),
  secret: z.string().min(1),
  /** `whsk_…`: the ed25519 key of asymmetric signing; null without. */
  signingKey: z.string().nullable().default(null),
  previous: ReplacedSigning.nullable().default(null),
  /** The first failure with no success since (domain/webhooks/endpoint-health.ts); null while it succeeds. */
  failingSince: z.date().nullable().default(null),
  createdAt: z.date(),
  version: Version,
});
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>;

/** A new endpoint with a fresh `whsec_` signing secret, and an ed25519 key when it asks for asymmetric signing. */
export function registerEndpoint(orgId: string, input: WebhookEndpointIn, id: string, now: Date): WebhookEndpoint {
  return {
    id,
    orgId,
    url: input.url,
    eventTypes: [...new Set(input.eventTypes)],
    description: input.description,
    status: "enabled",
    headers: input.headers,
    metadata: input.metadata,
    rateLimitPerSecond: input.rateLimitPerSecond,
    secret: newSigningSecret(),
    signingKey: input.asymmetricSigning ? newSigningKey() : null,
    previous: null,
    failingSince: null,
    createdAt: now,
    version: firstVersion,
  };
}

/**
 * The endpoint with `patch` applied; the fields it leaves out stay. Turning asymmetric signing on
 * makes a key (keeping the one it has when it is on already); turning it off drops every key,
 * the replaced one too, so nothing signs `v1a` any more.
 */
export function withEndpointUpdated(endpoint: WebhookEndpoint, patch: WebhookEndpointPatch): WebhookEndpoint {
  const { asymmetricSigning, eventTypes, ...fields } = patch;
  const next: WebhookEndpoint = { ...endpoint, ...definedOnly(fields) };
  if (eventTypes) next.eventTypes = [...new Set(eventTypes)];
  if (asymmetricSigning === true && !endpoint.signingKey) next.signingKey = newSigningKey();
  if (asymmetricSigning === false) {
    next.signingKey = null;
    if (next.previous) next.previous = { ...next.previous, signingKey: null };
  }
  return next;
}

/**
 * A new secret (and key, with asymmetric signing); the ones replaced keep signing until
 * `now + rotationOverlapMs`. Rotating again within that day replaces the older pair: only the
 * last two ever sign.
 */
export function withSigningRotated(endpoint: WebhookEndpoint, fresh: { secret: string; signingKey: string }, now: Date): WebhookEndpoint {
  return {
    ...endpoint,
    secret: fresh.secret,
    signingKey: endpoint.signingKey ? fresh.signingKey : null,
    previous: { secret: endpoint.secret, signingKey: endpoint.signingKey, expiresAt: new Date(now.getTime() + rotationOverlapMs) },
  };
}

/**
 * The endpoint enabled or disabled; null when it already is. Its failing is forgotten either way:
 * an endpoint enabled again starts a fresh count of 5 days at its next failure.
 */
export function withStatus(endpoint: WebhookEndpoint, status: WebhookEndpoint["status"]): WebhookEndpoint | null {
  return endpoint.status === status ? null : { ...endpoint, status, failingSince: null };
}

/** The replaced secret and key while they still sign at `now`; null once their day is over. */
export function activePrevious(endpoint: WebhookEndpoint, now: Date): ReplacedSigning | null {
  return endpoint.previous && endpoint.previous.expiresAt > now ? endpoint.previous : null;
}

/** What signs a message sent at `now`: the current secret and key, and the replaced ones within their day. */
export function signingMaterialAt(endpoint: WebhookEndpoint, now: Date): SigningMaterial {
  const previous = activePrevious(endpoint, now);
  return {
    secrets: [endpoint.secret, ...(previous ? [previous.secret] : [])],
    signingKeys: [endpoint.signingKey, previous?.signingKey].filter((key): key is string => typeof key === "string"),
  };
}

function definedOnly<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}
