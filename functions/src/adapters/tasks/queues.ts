import type { CloudTasksClient } from "@google-cloud/tasks";
import { cloudResources } from "../../cloud-resources.js";
import { isAlreadyExists } from "../grpc-errors.js";

/**
 * Creates every queue declared in cloud-resources.json, with its retry policy. Existing queues are
 * left as they are: a changed policy does not reach a queue that exists already.
 */
export async function ensureQueues(client: CloudTasksClient, projectId: string, location: string): Promise<string[]> {
  const created: string[] = [];
  for (const [name, { retryPolicy }] of Object.entries(cloudResources.queues)) {
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
        },
      });
      created.push(name);
    } catch (error) {
      if (!isAlreadyExists(error)) throw error;
    }
  }
  return created;
}
