import { PubSub, type Subscription } from "@google-cloud/pubsub";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cloudResources } from "../../src/cloud-resources.js";
import { eventually, platformEnv, uniqueName } from "../integration/support/local-platform.js";

// The local Pub/Sub (userx-pubsub) delivers to push subscriptions as Eventarc delivers to a
// subscriber function in production: a binary CloudEvent per message, redelivered after the
// subscription's retry backoff until acknowledged, and forwarded to the dead-letter topic after
// maxDeliveryAttempts. The subscribers' own subscriptions are pushed the same way; this test uses
// subscriptions of its own, pushing to a receiver in the test, so that it can make them fail.

interface Push {
  at: number;
  headers: Record<string, string | string[] | undefined>;
  body: { message: { data: string; attributes?: Record<string, string>; messageId: string; publishTime: string }; subscription: string; deliveryAttempt?: number };
}

const pubsub = new PubSub({ projectId: platformEnv("GCLOUD_PROJECT") });
const pushes = new Map<string, Push[]>(); // by the path the subscription pushes to
let receiver: Server;
let failuresBeforeSuccess: Record<string, number> = {};

function receiverUrl(path: string): string {
  return `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/${path}`;
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = (req.url ?? "/").slice(1);
      const received = pushes.get(path) ?? [];
      received.push({ at: Date.now(), headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Push["body"] });
      pushes.set(path, received);
      res.statusCode = received.length > (failuresBeforeSuccess[path] ?? 0) ? 204 : 503;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
});

afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await pubsub.close();
});

async function topicWithDeadLetter() {
  const [topic] = await pubsub.createTopic(uniqueName("e2e-redelivery"));
  const [deadLetter] = await pubsub.createTopic(`${topic.name.split("/").pop()}-dead-letter`);
  const [inspect] = await deadLetter.createSubscription(uniqueName("e2e-inspect"));
  return { topic, deadLetter, inspect };
}

function forwarded(inspect: Subscription): Promise<{ data: string; attributes: Record<string, string> }> {
  return new Promise((resolve) => {
    inspect.once("message", (message: { data: Buffer; attributes: Record<string, string>; ack(): void }) => {
      message.ack();
      resolve({ data: message.data.toString("utf8"), attributes: message.attributes });
    });
  });
}

describe("redelivery to a push subscriber", () => {
  it("redelivers a message the subscriber failed, after the retry backoff, until it is acknowledged", async () => {
    const { topic } = await topicWithDeadLetter();
    const path = uniqueName("fails-twice");
    failuresBeforeSuccess = { ...failuresBeforeSuccess, [path]: 2 };
    await topic.createSubscription(uniqueName("e2e-push"), {
      pushConfig: { pushEndpoint: receiverUrl(path) },
      retryPolicy: { minimumBackoff: { seconds: 1 }, maximumBackoff: { seconds: 600 } },
    });

    const published = Date.now();
    const messageId = await topic.publishMessage({ data: Buffer.from("hello"), attributes: { type: "test.v1" } });

    const received = await eventually(() => ((pushes.get(path)?.length ?? 0) >= 3 ? pushes.get(path) : undefined), 20_000);
    // Backoffs of 1 s, then 2 s, less up to a tenth of jitter.
    const gaps = [received[1]!.at - received[0]!.at, received[2]!.at - received[1]!.at];
    expect(gaps[0]).toBeGreaterThanOrEqual(900);
    expect(gaps[0]).toBeLessThan(1_900);
    expect(gaps[1]).toBeGreaterThanOrEqual(1_800);
    expect(gaps[1]).toBeLessThan(2_900);
    expect(received[0]!.at - published).toBeLessThan(1_000);
    for (const push of received) {
      expect(push.headers["ce-id"]).toBe(messageId);
      expect(push.headers["ce-type"]).toBe("google.cloud.pubsub.topic.v1.messagePublished");
      expect(push.headers["ce-source"]).toBe(`//pubsub.googleapis.com/${topic.name}`);
      expect(push.headers["ce-specversion"]).toBe("1.0");
      expect(push.body.message.messageId).toBe(messageId);
      expect(Buffer.from(push.body.message.data, "base64").toString("utf8")).toBe("hello");
      expect(push.body.message.attributes).toEqual({ type: "test.v1" });
    }
    // Acknowledged by the third answer: never pushed again.
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    expect(pushes.get(path)).toHaveLength(3);
  });

  it("forwards a message the subscriber keeps failing to the dead-letter topic after maxDeliveryAttempts", async () => {
    const { topic, deadLetter, inspect } = await topicWithDeadLetter();
    const path = uniqueName("fails-always");
    failuresBeforeSuccess = { ...failuresBeforeSuccess, [path]: Number.POSITIVE_INFINITY };
    const subscriptionName = uniqueName("e2e-push");
    await topic.createSubscription(subscriptionName, {
      pushConfig: { pushEndpoint: receiverUrl(path) },
      retryPolicy: { minimumBackoff: { seconds: 0, nanos: 200_000_000 }, maximumBackoff: { seconds: 1 } },
      deadLetterPolicy: { deadLetterTopic: deadLetter.name, maxDeliveryAttempts: 5 },
    });
    const arrived = forwarded(inspect);

    await topic.publishMessage({ data: Buffer.from("poison"), attributes: { type: "test.v1" } });

    const letter = await arrived;
    expect(letter.data).toBe("poison");
    expect(letter.attributes).toMatchObject({
      type: "test.v1",
      CloudPubSubDeadLetterSourceSubscription: subscriptionName,
      CloudPubSubDeadLetterSourceDeliveryCount: "5",
    });
    const received = pushes.get(path) ?? [];
    expect(received.map((push) => push.body.deliveryAttempt)).toEqual([1, 2, 3, 4, 5]);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(pushes.get(path)).toHaveLength(5);
    await inspect.close();
  });

  it("provisions every subscriber of cloud-resources.json as a push subscription with its delivery policy", async () => {
    const { subscriptions, topics } = cloudResources;
    for (const [functionName, declared] of Object.entries(subscriptions)) {
      const [metadata] = await pubsub.subscription(functionName).getMetadata();
      expect(metadata.topic).toBe(`projects/${platformEnv("GCLOUD_PROJECT")}/topics/${declared.topic}`);
      expect(metadata.pushConfig?.pushEndpoint).toMatch(new RegExp(`/functions/projects/[^/]+/triggers/[a-z0-9-]+-${functionName}-0$`));
      expect(Number(metadata.retryPolicy?.minimumBackoff?.seconds)).toBe(declared.delivery.minBackoffSeconds);
      expect(Number(metadata.retryPolicy?.maximumBackoff?.seconds)).toBe(declared.delivery.maxBackoffSeconds);
      const deadLetterTopic = topics[declared.topic]?.deadLetterTopic;
      const [inspect] = await pubsub.subscription(`${deadLetterTopic}-inspect`).getMetadata();
      expect(inspect.topic).toBe(`projects/${platformEnv("GCLOUD_PROJECT")}/topics/${deadLetterTopic}`);
    }
  });
});
