import type { Db } from "mongodb";
import { Notification } from "../../domain/notifications/notification.js";
import type { NotificationLog } from "../../ports/notification-log.js";
import { classified } from "./errors.js";
import { insertIfAbsent } from "./insert-if-absent.js";

/** A notification in `notifications`, keyed by `_id` alone (`<eventId>:<userId>`): FerretDB scans any other filter. */
type NotificationDocument = Omit<Notification, "id"> & { _id: string };

export function mongoNotificationLog(db: Db): NotificationLog {
  const notifications = db.collection<NotificationDocument>("notifications");
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
