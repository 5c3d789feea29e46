import { z } from "zod";

/**
 * One email the platform owes one recipient for one event, keyed `<eventId>:<userId>` (the
 * document's _id). `sending` is claimed before the email goes out; `sent`, `refused` (the relay's
 * final no) and `skipped` (opted out, no address) are final: a later delivery of the event sends nothing.
 */
export const NotificationState = z.enum(["sending", "sent", "refused", "skipped"]);
export type NotificationState = z.infer<typeof NotificationState>;

export const Notification = z.object({
  id: z.string().min(1),
  eventId: z.string().min(1),
  userId: z.string().min(1),
  eventType: z.string(),
  state: NotificationState,
  /** When the current `sending` claim was taken; a claim older than the lease may be taken over. */
  claimedAt: z.date(),
  attempts: z.number().int().min(1),
  settledAt: z.date().nullable(),
  detail: z.string().nullable(),
});
export type Notification = z.infer<typeof Notification>;

export function notificationId(eventId: string, userId: string): string {
  return `${eventId}:${userId}`;
}

/**
 * How long a `sending` claim holds off other deliveries of the same event: longer than one send
 * can take (the SMTP timeouts are 10 s each for connecting, greeting and answering), so a claim
 * this old belongs to a delivery that crashed or was cut off, not to one still sending.
 */
export const sendingLeaseMs = 120_000;

/**
 * What a delivery of an event does about one recipient's email, given the record it finds:
 * - `claim`: no record yet; claim it, then send.
 * - `done`: already sent, refused for good or skipped; send nothing.
 * - `wait`: another delivery claimed it within the lease and may be sending now; fail this
 *   delivery so that Pub/Sub redelivers it after the other has settled or its lease has run out.
 * - `take_over`: a claim older than the lease: its delivery died between claiming and recording
 *   the outcome, perhaps after the relay accepted the email. Sending again is the choice: a rare
 *   duplicate (with the same Message-ID) rather than an email (a voucher code) never sent.
 */
export type SendDecision = "claim" | "done" | "wait" | "take_over";

export function decideSend(existing: Notification | null, now: Date, leaseMs = sendingLeaseMs): SendDecision {
  if (!existing) return "claim";
  if (existing.state !== "sending") return "done";
  return now.getTime() - existing.claimedAt.getTime() >= leaseMs ? "take_over" : "wait";
}
