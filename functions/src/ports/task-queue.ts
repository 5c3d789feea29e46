import type { TaskPayload } from "../contracts/tasks.js";

/** Schedules work to run later over HTTP, retried with backoff until it succeeds (Cloud Tasks). */
export interface TaskQueue {
  /** `name` deduplicates: a second task with the same name is dropped. */
  enqueue(payload: TaskPayload, options?: { delaySeconds?: number; name?: string }): Promise<void>;
}
