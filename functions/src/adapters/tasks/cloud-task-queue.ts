import type { CloudTasksClient } from "@google-cloud/tasks";
import { cloudResources } from "../../cloud-resources.js";
import type { TaskPayload } from "../../contracts/tasks.js";
import { AppError } from "../../domain/app-error.js";
import type { TaskQueue } from "../../ports/task-queue.js";
import { isAlreadyExists } from "../grpc-errors.js";
import { currentTraceparent } from "../trace-context.js";

function traceHeader(): Record<string, string> {
  const traceparent = currentTraceparent();
  return traceparent ? { traceparent } : {};
}

/** Where each kind of task runs, as cloud-resources.json declares it: its queue and the HTTPS function that handles it. */
export const taskRoutes: Record<TaskPayload["kind"], { queue: string; functionName: string }> = cloudResources.taskRoutes;

export interface CloudTaskQueueConfig {
  projectId: string;
  location: string;
  /** Base URL of the functions: `https://<region>-<project>.cloudfunctions.net`, or the emulator's. */
  functionsBaseUrl: string;
  /** Service account whose OIDC token Cloud Tasks attaches; unset locally. */
  invokerServiceAccount: string | undefined;
}

export function cloudTaskQueue(client: CloudTasksClient, config: CloudTaskQueueConfig): TaskQueue {
  return {
    async enqueue(payload, options = {}) {
      const route = taskRoutes[payload.kind];
      const parent = client.queuePath(config.projectId, config.location, route.queue);
      const url = `${config.functionsBaseUrl}/${route.functionName}`;
      try {
        await client.createTask({
          parent,
          task: {
            ...(options.name ? { name: `${parent}/tasks/${options.name}` } : {}),
            ...(options.delaySeconds ? { scheduleTime: { seconds: Math.floor(Date.now() / 1000) + options.delaySeconds } } : {}),
            httpRequest: {
              httpMethod: "POST",
              url,
              // The task continues the trace of the work that enqueued it (task-handler.ts reads it).
              headers: { "content-type": "application/json", ...traceHeader() },
              body: Buffer.from(JSON.stringify(payload)),
              ...(config.invokerServiceAccount ? { oidcToken: { serviceAccountEmail: config.invokerServiceAccount, audience: url } } : {}),
            },
          },
        });
      } catch (error) {
        // A named task that exists already is the duplicate we meant to drop.
        if (isAlreadyExists(error)) return;
        throw new AppError("unavailable", "Cloud Tasks did not accept the task", undefined, { cause: error });
      }
    },
  };
}
