// The queues and topics are the ones functions/src/cloud-resources.json declares, with the same
// settings: the stack every environment applies passes the file's sections to the modules unchanged, the modules map
// every setting, and every queue and topic has the identities that use it.
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { cloudResources, repoPath } from "./code.js";
import { blocks, catalog, locals, moduleCall, stack } from "./hcl.js";

const resources = cloudResources();
const declaration = repoPath("functions/src/cloud-resources.json");

describe(stack, () => {
  it("reads functions/src/cloud-resources.json itself", async () => {
    const { cloud_resources: expression } = await locals(stack);
    const match = /^\$\{jsondecode\(file\("\$\{path\.module\}\/(.+)"\)\)\}$/.exec(String(expression));
    expect(match, `local.cloud_resources of ${stack} is jsondecode(file("\${path.module}/…"))`).not.toBeNull();
    expect(resolve(repoPath(stack), match![1]!)).toBe(declaration);
  });

  it("passes its queues and topics to the modules unchanged", async () => {
    expect((await moduleCall(stack, "task_queues")).queues).toBe("${local.cloud_resources.queues}");
    expect((await moduleCall(stack, "pubsub")).topics).toBe("${local.cloud_resources.topics}");
  });

  it("creates the queues where the code enqueues (TASKS_LOCATION's default)", async () => {
    expect((await moduleCall(stack, "task_queues")).location).toBe("${var.primary_region}");
    const config = readFileSync(repoPath("functions/src/config.ts"), "utf8");
    expect(config).toMatch(/defineString\("TASKS_LOCATION", \{ default: "us-central1" \}\)/);
  });
});

describe("task-queues module", async () => {
  const queue = (await blocks("terraform/modules/task-queues", "resource")).google_cloud_tasks_queue.this[0];
  const source = readFileSync(repoPath("terraform/modules/task-queues/main.tf"), "utf8");

  it("makes a queue of every declared queue, named by its key", () => {
    expect(queue.for_each).toBe("${var.queues}");
    expect(queue.name).toBe("${each.key}");
  });

  it("maps every retry setting of the declaration", () => {
    const retry = queue.retry_config[0];
    expect(retry).toEqual({
      max_attempts: "${each.value.retryPolicy.maxAttempts}",
      min_backoff: "${each.value.retryPolicy.minBackoffSeconds}s",
      max_backoff: "${each.value.retryPolicy.maxBackoffSeconds}s",
      max_doublings: "${each.value.retryPolicy.maxDoublings}",
    });
    // A setting the code adds to a queue is one the module must map too.
    for (const [name, q] of Object.entries(resources.queues)) {
      for (const key of Object.keys(q.retryPolicy)) expect(source, `${name}.retryPolicy.${key}`).toContain(`retryPolicy.${key}`);
      for (const key of Object.keys(q.rateLimits ?? {}).filter((k) => !k.startsWith("local"))) expect(source, `${name}.rateLimits.${key}`).toContain(`.${key}`);
    }
  });
});

describe("who uses each queue and topic", async () => {
  const functions = await catalog();
  const enqueued = new Set(Object.values(functions).flatMap((f) => f.enqueues));
  const published = new Set(Object.values(functions).flatMap((f) => f.publishes));

  it.each(Object.keys(resources.queues))("queue %s is enqueued by some function", (name) => {
    expect(enqueued.has(name), `no function of catalog.tf enqueues to ${name}`).toBe(true);
  });

  it("grants only declared queues and topics", () => {
    for (const name of enqueued) expect(Object.keys(resources.queues)).toContain(name);
    for (const name of published) expect(Object.keys(resources.topics)).toContain(name);
  });

  it.each(Object.entries(resources.taskRoutes))("task %s is handled by a task function the invoker may call", (_kind, route) => {
    expect(functions[route.functionName]?.kind).toBe("task");
    const enqueuers = Object.entries(functions).filter(([, f]) => f.enqueues.includes(route.queue));
    expect(enqueuers.length).toBeGreaterThan(0);
  });

  it("has no task function that no task route names", () => {
    const routed = new Set(Object.values(resources.taskRoutes).map((r) => r.functionName));
    for (const [name, f] of Object.entries(functions)) if (f.kind === "task") expect(routed.has(name), name).toBe(true);
  });

  it("publishes domain events from some function to every topic a subscriber reads", () => {
    for (const subscription of Object.values(resources.subscriptions)) expect(published.has(subscription.topic)).toBe(true);
  });
});

it("keeps the declaration readable by the code's own schema (its file is where the tests look)", () => {
  expect(dirname(declaration)).toBe(repoPath("functions/src"));
});
