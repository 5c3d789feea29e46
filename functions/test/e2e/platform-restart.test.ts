import { PubSub } from "@google-cloud/pubsub";
import { CloudTasksClient } from "@google-cloud/tasks";
import { credentials } from "@grpc/grpc-js";
import { afterAll, describe, expect, it } from "vitest";
import { eventually, platformEnv, uniqueName } from "../integration/support/local-platform.js";
import { consumerNames } from "../../src/app/events/consumers.js";
import { cloudResources } from "../../src/cloud-resources.js";
import { functionLog } from "./support/function-logs.js";
import { platformControl, type RestartableServer } from "./support/platform-control.js";
import { publishedOpportunity } from "./support/scenario.js";

// A server of the local platform that crashes and comes back leaves the platform working: the
// control server restarts it and gives back what its restart lost (pstest's topics and push
// subscriptions, the Cloud Tasks emulator's queues; FerretDB keeps its data on disk).

const pubsub = new PubSub({ projectId: platformEnv("GCLOUD_PROJECT") });
afterAll(() => pubsub.close());

async function crashAndRestart(name: RestartableServer): Promise<void> {
  const killed = await platformControl.kill(name);
  expect(killed.up).toBe(false);
  expect((await platformControl.servers()).find((s) => s.name === name)?.up).toBe(false);
  const started = await platformControl.start(name);
  expect(started.up).toBe(true);
}


describe("a platform server that crashes and is started again", () => {
  it("mongo: the API answers again", { timeout: 120_000 }, async () => {
    await crashAndRestart("mongo");
    // Writes and reads through the API: an organization, an opportunity, its publication.
    const { opportunity } = await publishedOpportunity();
    expect(opportunity.status).toBe("active");
  });

  it("pubsub: an event published after the restart reaches the subscribers", { timeout: 120_000 }, async () => {
    await crashAndRestart("pubsub");
    const log = functionLog();
    await log.entries();
    // Not a domain event: each subscriber refuses it with a log entry naming the message.
    const messageId = await pubsub.topic("domain-events").publishMessage({ data: Buffer.from(uniqueName("not-an-event")) });
    await eventually(async () => {
      const refusals = (await log.entries()).filter((entry) => entry.message === "event.malformed" && entry.messageId === messageId);
      return new Set(refusals.map((entry) => entry.subscriber)).size === consumerNames.length ? true : undefined;
    }, 60_000);
  });

  it("tasks: the queues exist again", { timeout: 120_000 }, async () => {
    await crashAndRestart("tasks");
    const [host, port] = platformEnv("TASKS_EMULATOR_HOST").split(":");
    const client = new CloudTasksClient({ apiEndpoint: host, port: Number(port), sslCreds: credentials.createInsecure() });
    try {
      const [queues] = await client.listQueues({ parent: client.locationPath(platformEnv("GCLOUD_PROJECT"), process.env.TASKS_LOCATION ?? "us-central1") });
      expect(queues.map((q) => q.name?.split("/").pop()).sort()).toEqual(Object.keys(cloudResources.queues).sort());
    } finally {
      await client.close();
    }
  });
});
