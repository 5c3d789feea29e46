import { PubSub } from "@google-cloud/pubsub";
import { MongoClient, type Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureIndexes } from "../../../src/adapters/mongo/indexes.js";
import { cloudLogger } from "../../../src/adapters/cloud-logger.js";
import { mongoRepositories } from "../../../src/adapters/mongo/repositories.js";
import { pubsubEventPublisher } from "../../../src/adapters/pubsub/pubsub-event-publisher.js";
import { randomIds } from "../../../src/adapters/random-ids.js";
import { systemClock } from "../../../src/adapters/system-clock.js";
import { cloudTaskQueue } from "../../../src/adapters/tasks/cloud-task-queue.js";
import { getCloudTasks } from "../../../src/adapters/tasks/tasks-client.js";
import { claimOpportunity } from "../../../src/app/claims/claim-opportunity.js";
import { OpportunityIn } from "../../../src/contracts/opportunities.js";
import { AppError } from "../../../src/domain/app-error.js";
import { draftOpportunity, published } from "../../../src/domain/opportunities/opportunity.js";
import { platformEnv, uniqueName } from "../support/local-platform.js";

// The claim use case wired to the real servers (MongoDB-compatible server, Pub/Sub, Cloud Tasks),
// with all 200 claims fired at once in this process: the capacity guard must hold under the burst.

let client: MongoClient;
let db: Db;
let pubsub: PubSub;

beforeAll(async () => {
  client = new MongoClient(platformEnv("MONGODB_URI"));
  db = client.db(uniqueName("it_claims").replace(/-/g, "_"));
  await ensureIndexes(db);
  pubsub = new PubSub({ projectId: platformEnv("GCLOUD_PROJECT") });
});

afterAll(async () => {
  await db.dropDatabase();
  await client.close();
  await pubsub.close();
});

function deps() {
  const projectId = platformEnv("GCLOUD_PROJECT");
  return {
    ...mongoRepositories(db),
    publisher: pubsubEventPublisher(pubsub),
    tasks: cloudTaskQueue(getCloudTasks(platformEnv("TASKS_EMULATOR_HOST")), {
      projectId,
      location: "us-central1",
      functionsBaseUrl: `http://127.0.0.1:5001/${projectId}/us-central1`,
      invokerServiceAccount: undefined,
    }),
    ids: randomIds,
    clock: systemClock,
    logger: cloudLogger,
  };
}

async function activeOpportunity(capacity: number) {
  const d = deps();
  const input = OpportunityIn.parse({
    orgId: randomIds.next("org"),
    title: "Burst",
    tasks: [{ id: "q", type: "survey", title: "Q", questions: [{ id: "r", type: "rating", prompt: "Rate" }] }],
    reward: { type: "points", value: 1 },
    capacity,
  });
  const draft = draftOpportunity(input, randomIds.next("opp"), new Date());
  await d.opportunities.insert(draft);
  return d.opportunities.save(published(draft, new Date()), draft.version);
}

describe("claimOpportunity on the real servers", () => {
  it("200 claims at once against capacity 50: exactly 50 claims, 50 events, nothing oversold", async () => {
    const opportunity = await activeOpportunity(50);
    const d = deps();
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, () =>
        claimOpportunity(d, { kind: "user", userId: randomIds.next("usr"), anonymous: false, operator: false }, { opportunityId: opportunity.id }).then(
          () => "claimed",
          (error: unknown) => (error instanceof AppError ? error.code : String(error)),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === "claimed")).toHaveLength(50);
    expect(outcomes.filter((o) => o === "capacity_exhausted")).toHaveLength(150);
    expect(await db.collection("claims").countDocuments({ opportunityId: opportunity.id })).toBe(50);
    expect((await d.opportunities.findById(opportunity.id))?.claimsCount).toBe(50);
    expect(await db.collection("events").countDocuments({ type: "claim.created.v1" })).toBe(50);
  });
});
