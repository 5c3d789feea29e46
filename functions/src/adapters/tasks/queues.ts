import type { CloudTasksClient } from "@google-cloud/tasks";
import { taskRoutes } from "./cloud-task-queue.js";

interface RetryPolicy {
  maxAttempts: number;
  minBackoffSeconds: number;
  maxBackoffSeconds: number;
  maxDoublings: number;
}

/** Retry behaviour of each queue; data, so that tuning a schedule never touches a handler. */
export const queueRetryPolicies: Record<string, RetryPolicy> = {
  // Events wait in outboxes, so relaying keeps trying for about a day before an operator must look.
  "outbox-relay": { maxAttempts: 60, minBackoffSeconds: 1, maxBackoffSeconds: 1_800, maxDoublings: 11 },
  // Close to the Standard Webhooks schedule (5 s … 10 h) within what exponential backoff can express.
  "webhook-delivery": { maxAttempts: 9, minBackoffSeconds: 5, maxBackoffSeconds: 36_000, maxDoublings: 13 },
};

const grpcAlreadyExists = 6;

/** Creates every queue the task routes use, with its retry policy; existing queues are left as they are. */
export async function ensureQueues(client: CloudTasksClient, projectId: string, location: string): Promise<string[]> {
  const created: string[] = [];
  for (const name of new Set(Object.values(taskRoutes).map((route) => route.queue))) {
    const policy = queueRetryPolicies[name];
    if (!policy) throw new Error(`queue ${name} has no retry policy`);
    try {
      await client.createQueue({
        parent: client.locationPath(projectId, location),
        queue: {
          name: client.queuePath(projectId, location, name),
          retryConfig: {
            maxAttempts: policy.maxAttempts,
            minBackoff: { seconds: policy.minBackoffSeconds },
            maxBackoff: { seconds: policy.maxBackoffSeconds },
            maxDoublings: policy.maxDoublings,
          },
        },
      });
      created.push(name);
    } catch (error) {
      if (!(typeof error === "object" && error !== null && "code" in error && error.code === grpcAlreadyExists)) throw error;
    }
  }
  return created;
}
