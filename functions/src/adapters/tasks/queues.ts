import type { CloudTasksClient } from "@google-cloud/tasks";
import { cloudResources } from "../../cloud-resources.js";
import { isAlreadyExists } from "../grpc-errors.js";

/**
 * Creates every queue declared in cloud-resources.json, with its retry policy and rate limits (the
 * local ones on the local platform). Existing queues are left as they are: a changed policy does
 * not reach a queue that exists already.
 */
export async function ensureQueues(client: CloudTasksClient, projectId: string, location: string, { local }: { local: boolean }): Promise<string[]> {
  const created: string[] = [];
  for (const [name, { retryPolicy, rateLimits }] of Object.entries(cloudResources.queues)) {
    try {
      await client.createQueue({
        parent: client.locationPath(projectId, location),
        queue: {
          name: client.queuePath(projectId, location, name),
          retryConfig: {
            maxAttempts: retryPolicy.maxAttempts,
            minBackoff: { seconds: retryPolicy.minBackoffSeconds },
            maxBackoff: { seconds: retryPolicy.maxBackoffSeconds },
            maxDoublings: retryPolicy.maxDoublings,
          },
          ...(rateLimits && { rateLimits: { maxConcurrentDispatches: local ? rateLimits.localMaxConcurrentDispatches : rateLimits.maxConcurrentDispatches } }),
        },
      });
      created.push(name);
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
  }
  return created;
}
