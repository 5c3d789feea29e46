import { PubSub } from "@google-cloud/pubsub";
import { CloudTasksClient } from "@google-cloud/tasks";
import { credentials } from "@grpc/grpc-js";
import type { Db } from "mongodb";
import { domainEventsTopic } from "../../../src/adapters/pubsub/topics.js";
import { taskRoutes } from "../../../src/adapters/tasks/cloud-task-queue.js";
import { TaskPayload } from "../../../src/contracts/tasks.js";
import { eventually, platformEnv, uniqueName } from "../../integration/support/local-platform.js";
import { functionLog } from "./function-logs.js";

/** A task still in its queue: waiting for its first attempt or a retry, or being attempted now. */
export interface QueuedTask {
  payload: TaskPayload;
  running: boolean;
}

interface PullResponse {
  receivedMessages?: Array<{ ackId?: string | null; message?: { messageId?: string | null; attributes?: Record<string, string> | null } | null }> | null;
}

/**
 * The event pipeline of the local platform seen from outside, so that a test can wait until the
 * pipeline is done with an event instead of sleeping and hoping it was:
 *
 * - a subscription of the test's own on the domain-events topic counts every copy of every event
 *   published after `watchEventPipeline()` (the Pub/Sub fake answers a synchronous pull with every
 *   message available, so a pull that comes back empty has seen all copies published before it);
 * - the subscribers log one outcome per copy they took, with its event id (`event.handled`, or
 *   `event.skipped` for a copy already in their inbox); each takes every copy of every event;
 * - Cloud Tasks lists a task until an attempt has succeeded.
 */
export async function watchEventPipeline(db: Db) {
  const pubsub = new PubSub({ projectId: platformEnv("GCLOUD_PROJECT") });
  const [subscription] = await pubsub.topic(domainEventsTopic).createSubscription(uniqueName("e2e-tap"));
  const [host, port] = platformEnv("TASKS_EMULATOR_HOST").split(":");
  const tasksClient = new CloudTasksClient({ apiEndpoint: host, port: Number(port), sslCreds: credentials.createInsecure() });
  const log = functionLog();
  const copies = new Map<string, { type: string; messageIds: Set<string> }>();

  const request = <T>(method: string, reqOpts: object) =>
    new Promise<T | null | undefined>((resolve, reject) => {
      pubsub.request<T>({ client: "SubscriberClient", method, reqOpts }, (error, response) => (error ? reject(error) : resolve(response)));
    });

  /** Takes every message available on the subscription, until a pull comes back empty. */
  async function drain(): Promise<void> {
    for (;;) {
      const pulled = (await request<PullResponse>("pull", { subscription: subscription.name, maxMessages: 1000, returnImmediately: true }))?.receivedMessages ?? [];
      if (pulled.length === 0) return;
      for (const { message } of pulled) {
        const eventId = message?.attributes?.eventId;
        if (!eventId || !message?.messageId) continue;
        const seen = copies.get(eventId) ?? { type: message.attributes?.type ?? "", messageIds: new Set<string>() };
        seen.messageIds.add(message.messageId);
        copies.set(eventId, seen);
      }
      await request("acknowledge", { subscription: subscription.name, ackIds: pulled.map((received) => received.ackId) });
    }
  }

  /**
   * The outcome each subscriber logged for each copy of the event it took: what it did
   * (`event.handled`), or `already_handled` for a copy its inbox already held (`event.skipped`).
   */
  async function outcomes(eventId: string): Promise<{ fanOutWebhooks: string[]; issueRewards: string[]; notifyByEmail: string[] }> {
    const ofEvent = (await log.entries()).filter((entry) => entry.eventId === eventId);
    const of = (subscriber: string) =>
      ofEvent
        .filter((entry) => entry.subscriber === subscriber && (entry.message === "event.handled" || entry.message === "event.skipped"))
        .map((entry) => String(entry.message === "event.handled" ? entry.outcome : entry.reason));
    return { fanOutWebhooks: of("fanOutWebhooks"), issueRewards: of("issueRewards"), notifyByEmail: of("notifyByEmail") };
  }

  const copiesOf = (eventId: string) => copies.get(eventId)?.messageIds.size ?? 0;
  const totalCopies = (eventIds: readonly string[]) => eventIds.reduce((sum, eventId) => sum + copiesOf(eventId), 0);

  /** Copies seen, and handled by each subscriber of the event, for a failure message. */
  async function progress(eventIds: readonly string[]): Promise<string> {
    const lines = await Promise.all(
      eventIds.map(async (eventId) => {
        const handled = await outcomes(eventId);
        return `${eventId} (${copies.get(eventId)?.type ?? "never seen"}): ${copiesOf(eventId)} copies, fan-out handled ${handled.fanOutWebhooks.length}, rewards handled ${handled.issueRewards.length}`;
      }),
    );
    return lines.join("; ");
  }

  async function everyCopyHandled(eventIds: readonly string[]): Promise<boolean> {
    for (const eventId of eventIds) {
      const seen = copies.get(eventId);
      if (!seen) return false;
      const handled = await outcomes(eventId);
      if (handled.fanOutWebhooks.length < seen.messageIds.size) return false;
      if (handled.issueRewards.length < seen.messageIds.size) return false;
    }
    return true;
  }

  async function tasks(kind: TaskPayload["kind"]): Promise<QueuedTask[]> {
    const parent = tasksClient.queuePath(platformEnv("GCLOUD_PROJECT"), process.env.TASKS_LOCATION ?? "us-central1", taskRoutes[kind].queue);
    const [listed] = await tasksClient.listTasks({ parent, responseView: "FULL" });
    return listed.map((task) => {
      const body = task.httpRequest?.body;
      const payload = TaskPayload.parse(JSON.parse(Buffer.from(body ?? "").toString("utf8")));
      const attempt = task.lastAttempt;
      return { payload, running: Boolean(attempt?.dispatchTime && !attempt.responseTime) };
    });
  }

  return {
    drain,
    outcomes,
    tasks,
    /** Copies of the event published since the watch began, as of the last `drain`. */
    copiesOf,

    /**
     * Waits until every copy of each event published so far was handled by every subscriber of
     * the event, and every delivery task of the webhook messages made for them has left its
     * queue, which a task does only once an attempt succeeded. An event of which no copy was
     * ever seen fails the wait rather than passing it, and so does a copy a subscriber refused
     * (`event.malformed`, `event.unverified`): only an outcome logged counts as handled.
     */
    async settle(eventIds: readonly string[], timeoutMs = 30_000): Promise<void> {
      // Handling a copy may publish more (a subscriber relays the events its own write caused),
      // so look again until a look after everything seen was handled finds nothing new.
      for (;;) {
        await eventually(async () => {
          await drain();
          return (await everyCopyHandled(eventIds)) ? true : undefined;
        }, timeoutMs).catch(async (error: Error) => {
          throw new Error(`${error.message}: ${await progress(eventIds)}`);
        });
        const handled = totalCopies(eventIds);
        await drain();
        if (totalCopies(eventIds) === handled) break;
      }
      // Fan-out enqueues a message's delivery task before it logs its outcome, so every
      // delivery task these events will ever have exists now.
      const messageIds = new Set(
        (await db.collection<{ _id: string }>("webhook_messages").find({ eventId: { $in: [...eventIds] } }, { projection: { _id: 1 } }).toArray()).map((m) => m._id),
      );
      await eventually(async () => {
        const waiting = (await tasks("webhook.deliver.v1")).filter((task) => task.payload.kind === "webhook.deliver.v1" && messageIds.has(task.payload.messageId));
        return waiting.length === 0 ? true : undefined;
      }, timeoutMs).catch((error: Error) => {
        throw new Error(`${error.message}: a delivery task of ${[...messageIds].join(", ")} is still in the queue`);
      });
    },

    async close(): Promise<void> {
      await subscription.delete();
      await pubsub.close();
      await tasksClient.close();
    },
  };
}

export type EventPipeline = Awaited<ReturnType<typeof watchEventPipeline>>;
