import { PubSub, type Message } from "@google-cloud/pubsub";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, platformEnv, uniqueName } from "../support/local-platform.js";

// The Pub/Sub fake through the official client (it follows PUBSUB_EMULATOR_HOST).

let pubsub: PubSub;

beforeAll(() => {
  platformEnv("PUBSUB_EMULATOR_HOST");
  pubsub = new PubSub({ projectId: platformEnv("GCLOUD_PROJECT") });
});

afterAll(async () => {
  await pubsub.close();
});

async function topicWithSubscription() {
  const [topic] = await pubsub.createTopic(uniqueName("it-topic"));
  const [subscription] = await topic.createSubscription(uniqueName("it-sub"));
  return { topic, subscription };
}

describe("Pub/Sub emulator", () => {
  it("delivers a published message to a subscription, attributes included", async () => {
    const { topic, subscription } = await topicWithSubscription();
    const received: Message[] = [];
    subscription.on("message", (message: Message) => {
      received.push(message);
      message.ack();
    });
    const id = await topic.publishMessage({ json: { type: "claim.completed.v1" }, attributes: { eventId: "evt_1" } });
    const message = await eventually(() => received[0]);
    expect(message.id).toBe(id);
    expect(JSON.parse(message.data.toString())).toEqual({ type: "claim.completed.v1" });
    expect(message.attributes).toEqual({ eventId: "evt_1" });
    await subscription.close();
  });

  it("redelivers a message that was nacked", async () => {
    const { topic, subscription } = await topicWithSubscription();
    const deliveries: string[] = [];
    subscription.on("message", (message: Message) => {
      deliveries.push(message.id);
      if (deliveries.length === 1) message.nack();
      else message.ack();
    });
    const id = await topic.publishMessage({ data: Buffer.from("retry me") });
    await eventually(() => (deliveries.length >= 2 ? deliveries : undefined));
    expect(deliveries.slice(0, 2)).toEqual([id, id]);
    await subscription.close();
  });
});
