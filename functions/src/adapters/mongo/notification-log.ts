import type { Db } from "mongodb";
import { Notification } from "../../domain/notifications/notification.js";
import type { NotificationLog } from "../../ports/notification-log.js";
import { classified } from "./errors.js";
import { insertIfAbsent } from "./insert-if-absent.js";

/** A notification in `notifications`, keyed by `_id` alone (`<eventId>:<userId>`): FerretDB scans any other filter. */
export type NotificationDocument = Omit<Notification, "id"> & { _id: string };

export const notificationsCollection = (db: Db) => db.collection<NotificationDocument>("notifications");

/**
 * How long an email's record is kept after its claim: as long as the inbox remembers an event (past
 * the 7 days Pub/Sub may redeliver and the hours reconciliation looks back), so no delivery of an
 * event finds its email forgotten.
 */
export { inboxRetentionSeconds as notificationRetentionSeconds } from "./documents/inbox-document.js";

export function mongoNotificationLog(db: Db): NotificationLog {
  const notifications = notificationsCollection(db);
  return {
    find: (id) =>
      classified(async () => {
        const document = await notifications.findOne({ _id: id });
        if (!document) return null;
        const { _id, ...rest } = document;
        return Notification.parse({ id: _id, ...rest });
      }),

    claim: ({ id, ...rest }) => classified(() => insertIfAbsent(notifications, { _id: id, ...rest })),

    takeOver: (id, staleClaimedAt, now) =>
      classified(async () => {
        const result = await notifications.updateOne({ _id: id, state: "sending", claimedAt: staleClaimedAt }, { $set: { claimedAt: now }, $inc: { attempts: 1 } });
        return result.modifiedCount === 1;
      }),

    settle: (id, state, at, detail) =>
      classified(async () => {
        await notifications.updateOne({ _id: id, state: "sending" }, { $set: { state, settledAt: at, detail } });
      }),
  };
}
