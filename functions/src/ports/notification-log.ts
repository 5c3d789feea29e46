import type { Notification, NotificationState } from "../domain/notifications/notification.js";

/** The record of every email owed per event and recipient (domain/notifications/notification.ts). */
export interface NotificationLog {
  find(id: string): Promise<Notification | null>;
  /** Stores a new `sending` claim; false when a record with this id exists already. */
  claim(notification: Notification): Promise<boolean>;
  /** Takes over a stale claim, as long as it still is the one read (same claimedAt); false when another delivery took it first. */
  takeOver(id: string, staleClaimedAt: Date, now: Date): Promise<boolean>;
  /** Records the final state of a claimed notification. */
  settle(id: string, state: Exclude<NotificationState, "sending">, at: Date, detail: string | null): Promise<void>;
}
