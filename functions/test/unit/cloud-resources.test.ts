import { describe, expect, it } from "vitest";
import declaration from "../../src/cloud-resources.json" with { type: "json" };
import { cloudResources, CloudResources, declaredSchedule, declaredSubscription, declaredTopic, parseCloudResources, RetryPolicy } from "../../src/cloud-resources.js";
import { consumerNames } from "../../src/app/events/consumers.js";
import { TaskPayload } from "../../src/contracts/tasks.js";
import * as functions from "../../src/index.js";

// The declaration in cloud-resources.json, checked against the code that relies on it.

const taskKinds = TaskPayload.options.map((option) => option.shape.kind.value);

type Declaration = Record<string, Record<string, unknown>>;

function declarationWith(change: (copy: Declaration) => void): unknown {
  const copy = structuredClone(declaration) as unknown as Declaration;
  change(copy);
  return copy;
}

const endpoints = new Map(Object.entries(functions).map(([name, fn]) => [name, fn.__endpoint]));

describe("cloud-resources.json", () => {
  it("parses with the schema", () => {
    expect(CloudResources.safeParse(declaration).success).toBe(true);
    expect(parseCloudResources(declaration)).toEqual(cloudResources);
  });

  it("routes every kind of task to a declared queue", () => {
    expect(Object.keys(cloudResources.taskRoutes).sort()).toEqual([...taskKinds].sort());
    for (const kind of taskKinds) {
      expect(Object.keys(cloudResources.queues)).toContain(cloudResources.taskRoutes[kind].queue);
    }
  });

  it("gives every queue a retry policy", () => {
    for (const queue of Object.values(cloudResources.queues)) {
      expect(RetryPolicy.safeParse(queue.retryPolicy).success).toBe(true);
    }
  });

  it("sends each task to an HTTPS function that index.ts exports", () => {
    for (const { functionName } of Object.values(cloudResources.taskRoutes)) {
      expect(endpoints.get(functionName)?.httpsTrigger, functionName).toBeDefined();
    }
  });

  it("declares exactly the Pub/Sub subscribers that index.ts exports, with their topic and retry", () => {
    const exported = [...endpoints].filter(([, endpoint]) => endpoint.eventTrigger?.eventType === "google.cloud.pubsub.topic.v1.messagePublished");
    expect(exported.map(([name]) => name).sort()).toEqual(Object.keys(cloudResources.subscriptions).sort());
    for (const [name, endpoint] of exported) {
      const { topic, retry } = declaredSubscription(name);
      expect(endpoint.eventTrigger).toMatchObject({ eventFilters: { topic }, retry });
    }
  });

  it("declares exactly the scheduled functions that index.ts exports, with their schedule", () => {
    const exported = [...endpoints].filter(([, endpoint]) => endpoint.scheduleTrigger !== undefined);
    expect(exported.map(([name]) => name).sort()).toEqual(Object.keys(cloudResources.schedules).sort());
    for (const [name, endpoint] of exported) expect(endpoint.scheduleTrigger).toMatchObject({ schedule: declaredSchedule(name).schedule });
  });

  it("declares a subscription for every consumer of domain events, and none without one", () => {
    expect(Object.keys(cloudResources.subscriptions).sort()).toEqual([...consumerNames].sort());
  });

  it("gives the domain-events topic a declared dead-letter topic", () => {
    const deadLetterTopic = cloudResources.topics[declaredTopic("domain-events")]?.deadLetterTopic;
    expect(deadLetterTopic).toBeDefined();
    expect(declaredTopic(deadLetterTopic!)).toBe(deadLetterTopic);
  });

  const delivery = { minBackoffSeconds: 10, maxBackoffSeconds: 600, maxDeliveryAttempts: 10 };

  it.each<[string, (copy: Declaration) => void, RegExp]>([
    ["a task kind without a route", (d) => delete d.taskRoutes!["webhook.deliver.v1"], /at taskRoutes\["webhook\.deliver\.v1"\]/],
    ["a route to an undeclared queue", (d) => (d.taskRoutes!["outbox.relay.v1"] = { queue: "nowhere", functionName: "relayOutbox" }), /queue nowhere is not declared/],
    ["a queue without a retry policy", (d) => (d.queues!["outbox-relay"] = { description: "no policy" }), /at queues\["outbox-relay"\]\.retryPolicy/],
    ["a misspelt retry field", (d) => (d.queues!["outbox-relay"] = { description: "typo", retryPolicy: { maxAttempt: 3, minBackoffSeconds: 1, maxBackoffSeconds: 2, maxDoublings: 1 } }), /Unrecognized key: "maxAttempt"/],
    ["a max backoff below the min backoff", (d) => (d.queues!["outbox-relay"] = { description: "inverted", retryPolicy: { maxAttempts: 3, minBackoffSeconds: 10, maxBackoffSeconds: 2, maxDoublings: 1 } }), /maxBackoffSeconds is below minBackoffSeconds/],
    ["a subscription to an undeclared topic", (d) => (d.subscriptions!.issueRewards = { topic: "nowhere", retry: true, delivery }), /topic nowhere is not declared/],
    ["a subscription without a delivery policy", (d) => (d.subscriptions!.issueRewards = { topic: "domain-events", retry: true }), /at subscriptions\.issueRewards\.delivery/],
    ["fewer delivery attempts than Pub/Sub allows", (d) => (d.subscriptions!.issueRewards = { topic: "domain-events", retry: true, delivery: { ...delivery, maxDeliveryAttempts: 4 } }), /maxDeliveryAttempts/],
    ["a schedule without its local period", (d) => (d.schedules!.sweepOutboxes = { description: "sweep", schedule: "every 5 minutes" }), /at schedules\.sweepOutboxes\.localEverySeconds/],
    ["an undeclared dead-letter topic", (d) => (d.topics!["domain-events"] = { description: "events", deadLetterTopic: "nowhere" }), /nowhere is not another declared topic/],
    ["a topic that is its own dead-letter topic", (d) => (d.topics!["domain-events"] = { description: "events", deadLetterTopic: "domain-events" }), /domain-events is not another declared topic/],
  ])("refuses %s", (_, change, problem) => {
    expect(() => parseCloudResources(declarationWith(change))).toThrow(/cloud-resources\.json is invalid/);
    expect(() => parseCloudResources(declarationWith(change))).toThrow(problem);
  });

  it("refuses a topic or a subscriber that is not declared", () => {
    expect(() => declaredTopic("nowhere")).toThrow(/not declared/);
    expect(() => declaredSubscription("toString")).toThrow(/not declared/);
    expect(() => declaredSchedule("toString")).toThrow(/not declared/);
  });
});
