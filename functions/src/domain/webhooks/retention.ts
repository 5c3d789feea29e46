import type { WebhookMessage } from "./webhook-message.js";

/** How long an organization's message payloads are kept when it has set nothing (as Svix keeps them). */
export const defaultRetentionDays = 90;
/** The bounds of the setting: at least a day (a message's schedule runs 27.6 h), at most a year. */
export const minRetentionDays = 1;
export const maxRetentionDays = 365;

const dayMs = 24 * 60 * 60 * 1000;

export const retentionDaysOf = (org: { webhookRetentionDays?: number | undefined }): number => org.webhookRetentionDays ?? defaultRetentionDays;

/** Messages created before this time have outlived the organization's retention. */
export const retentionCutoff = (retentionDays: number, now: Date): Date => new Date(now.getTime() - retentionDays * dayMs);

/** The earliest cutoff any organization can have: messages younger than this are never purged. */
export const earliestCutoff = (now: Date): Date => retentionCutoff(minRetentionDays, now);

/**
 * Whether the purge may take the message's payload: settled (delivered or failed; a pending one,
 * held for a disabled endpoint, still needs its body to go out), created before the cutoff, and
 * not purged yet.
 */
export const isPurgeable = (message: WebhookMessage, cutoff: Date): boolean => message.status !== "pending" && message.createdAt < cutoff && message.payloadPurgedAt === null;

/** The message without its payload: its metadata and attempts stay, and it says when the body went. */
export function withPayloadPurged(message: WebhookMessage, now: Date): WebhookMessage {
  return { ...message, payload: "", payloadPurgedAt: now };
}
