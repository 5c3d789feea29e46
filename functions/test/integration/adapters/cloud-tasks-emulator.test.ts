import { readFile } from "node:fs/promises";
import { CloudTasksClient } from "@google-cloud/tasks";
import { credentials } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpTarget } from "../support/http-target.js";
import { eventually, platformEnv, uniqueName } from "../support/local-platform.js";

// The Cloud Tasks emulator through the official client: it really dispatches HTTP tasks and
// retries failures following the queue's retry config.

let tasks: CloudTasksClient;
let location: string;

beforeAll(() => {
  const [host, port] = platformEnv("TASKS_EMULATOR_HOST").split(":");
  tasks = new CloudTasksClient({ apiEndpoint: host, port: Number(port), sslCreds: credentials.createInsecure() });
  location = `projects/${platformEnv("GCLOUD_PROJECT")}/locations/us-central1`;
});

afterAll(async () => {
  await tasks.close();
});

async function createQueue(retryConfig: { maxAttempts: number; minBackoffMs: number; maxBackoffMs: number }) {
  const [queue] = await tasks.createQueue({
    parent: location,
    queue: {
      name: `${location}/queues/${uniqueName("it-queue")}`,
      retryConfig: {
        maxAttempts: retryConfig.maxAttempts,
        minBackoff: { nanos: retryConfig.minBackoffMs * 1_000_000 },
        maxBackoff: { seconds: Math.floor(retryConfig.maxBackoffMs / 1000), nanos: (retryConfig.maxBackoffMs % 1000) * 1_000_000 },
        maxDoublings: 4,
      },
    },
  });
  return queue.name!;
}

/** How often the emulator has said it gave up on a task: it logs each time, without the task's name. */
async function tasksGivenUp(): Promise<number> {
  const log = await readFile(new URL("../../../../.local/logs/tasks.log", import.meta.url), "utf8");
  return log.split("\n").filter((line) => line.endsWith("Ran out of attempts")).length;
}

function httpTask(url: string, body: unknown) {
  return {
    httpRequest: {
      httpMethod: "POST" as const,
      url,
      headers: { "content-type": "application/json" },
      body: Buffer.from(JSON.stringify(body)),
    },
  };
}

describe("Cloud Tasks emulator", () => {
  it("dispatches an HTTP task to its target with method, headers and body", async () => {
    const target = await startHttpTarget();
    const queue = await createQueue({ maxAttempts: 3, minBackoffMs: 100, maxBackoffMs: 1_000 });
    await tasks.createTask({ parent: queue, task: httpTask(`${target.url}/deliver`, { messageId: "msg_1" }) });
    const request = await eventually(() => target.received[0]);
    expect(request).toMatchObject({ method: "POST", path: "/deliver", body: JSON.stringify({ messageId: "msg_1" }) });
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["x-cloudtasks-queuename"]).toBe(queue.split("/").pop());
    await target.close();
  });

  it("retries a failing target with growing backoff, up to the queue's max attempts", async () => {
    const target = await startHttpTarget(() => 500);
    const queue = await createQueue({ maxAttempts: 4, minBackoffMs: 200, maxBackoffMs: 2_000 });
    const givenUpBefore = await tasksGivenUp();
    const [task] = await tasks.createTask({ parent: queue, task: httpTask(`${target.url}/fail`, {}) });
    const attempts = await eventually(() => (target.received.length >= 4 ? target.received.slice(0, 4) : undefined), 30_000);
    const retryCounts = attempts.map((a) => a.headers["x-cloudtasks-taskretrycount"]);
    expect(retryCounts).toEqual(["0", "1", "2", "3"]);
    const gaps = attempts.slice(1).map((a, i) => a.at - attempts[i]!.at);
    expect(gaps[0]).toBeGreaterThanOrEqual(150);
    expect(gaps[2]!).toBeGreaterThan(gaps[0]!);

    // Max attempts reached: wait until the emulator has decided what follows the fourth failure.
    // It logs that it gave up (the other queues allow 9 and 60 attempts over minutes to hours, so
    // within a test run the line is this task's), and keeps the task with no attempt scheduled
    // after the last one; had it scheduled a fifth, the task's schedule time would have moved on.
    await eventually(async () => ((await tasksGivenUp()) > givenUpBefore ? true : undefined), 10_000);
    const [state] = await tasks.getTask({ name: task.name! });
    expect(state).toMatchObject({ dispatchCount: 4, responseCount: 4 });
    expect(state.scheduleTime).toEqual(state.lastAttempt?.scheduleTime);
    expect(target.received).toHaveLength(4);
    await target.close();
  });
});
