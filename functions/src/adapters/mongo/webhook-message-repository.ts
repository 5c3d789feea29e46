import type { Db } from "mongodb";
import type { WebhookMessageRepository } from "../../ports/repositories.js";
import {
  webhookAttemptToDocument,
  webhookMessageFromDocument,
  webhookMessageToDocument,
  webhookMessagesCollection,
} from "./documents/webhook-message-document.js";
import { classified } from "./errors.js";
import { insertIfAbsent } from "./insert-if-absent.js";

/** Webhook messages and their delivery attempts, in `webhook_messages`. */
export function mongoWebhookMessageRepository(db: Db): WebhookMessageRepository {
  const messages = webhookMessagesCollection(db);
  return {
    insertOnce: (message) => classified(() => insertIfAbsent(messages, webhookMessageToDocument(message))),

    findById: (id) =>
      classified(async () => {
        const document = await messages.findOne({ _id: id });
        return document && webhookMessageFromDocument(document);
      }),

    recordAttempt: (id, attempt, delivered) =>
      classified(async () => {
        const logged = { $push: { attempts: webhookAttemptToDocument(attempt) } };
        await messages.updateOne(
          { _id: id },
          delivered ? { ...logged, $set: { status: "delivered", deliveredAt: attempt.at } } : logged,
        );
      }),
  };
}
