import { PubSub } from "@google-cloud/pubsub";
import { MongoClient, type Db } from "mongodb";
import { afterAll, beforeAll, bench, describe } from "vitest";
import { cloudLogger } from "../../src/adapters/cloud-logger.js";
import { cryptoRandom } from "../../src/adapters/crypto-random.js";
import { ensureIndexes } from "../../src/adapters/mongo/indexes.js";
import { mongoRepositories } from "../../src/adapters/mongo/repositories.js";
import { pubsubEventPublisher } from "../../src/adapters/pubsub/pubsub-event-publisher.js";
import { randomIds } from "../../src/adapters/random-ids.js";
import { systemClock } from "../../src/adapters/system-clock.js";
import { cloudTaskQueue } from "../../src/adapters/tasks/cloud-task-queue.js";
import { getCloudTasks } from "../../src/adapters/tasks/tasks-client.js";
import { generateVoucherCodes } from "../../src/app/vouchers/add-voucher-codes.js";
import { issueVoucherReward } from "../../src/app/vouchers/issue-voucher-reward.js";
import { createVoucherPool } from "../../src/app/vouchers/voucher-pools.js";
import { rewardFor } from "../../src/domain/rewards/reward.js";

// Voucher allocations per second on the local platform: 100 voucher rewards issued at once from a
// pool of 100,000 generated codes, through the use case, against the real database, Pub/Sub and
// Cloud Tasks emulators (`npm run bench` starts them). One iteration is one burst.

const burst = 100;
let client: MongoClient;
let db: Db;
let pubsub: PubSub;
let poolId: string;
let orgId: string;

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through npm run bench`);
  return value;
};

function deps() {
  const projectId = env("GCLOUD_PROJECT");
  return {
    ...mongoRepositories(db),
    publisher: pubsubEventPublisher(pubsub),
    tasks: cloudTaskQueue(getCloudTasks(env("TASKS_EMULATOR_HOST")), { projectId, location: "us-central1", functionsBaseUrl: `http://127.0.0.1:5001/${projectId}/us-central1`, invokerServiceAccount: undefined }),
    ids: randomIds,
    random: cryptoRandom,
    clock: systemClock,
    logger: cloudLogger,
  };
}

beforeAll(async () => {
  client = new MongoClient(env("MONGODB_URI"));
  db = client.db(`bench_vouchers_${Date.now()}`);
  await ensureIndexes(db);
  pubsub = new PubSub({ projectId: env("GCLOUD_PROJECT") });
  const owner = { kind: "user" as const, userId: randomIds.next("usr"), anonymous: false, operator: false };
  orgId = randomIds.next("org");
  await deps().organizations.insert({ id: orgId, name: "Bench", members: [{ userId: owner.userId, role: "owner" }], createdAt: new Date(), version: 1 });
  poolId = (await createVoucherPool(deps(), owner, { orgId, name: "Bench", redemptionInstructions: "", lowStockThreshold: 0 })).id;
  const started = performance.now();
  await generateVoucherCodes(deps(), owner, orgId, poolId, { count: 100_000, length: 12, charset: "ABCDEFGHJKLMNPQRSTUVWXYZ23456789", prefix: "", suffix: "" });
  console.log(`generated 100,000 codes in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}, 600_000);

afterAll(async () => {
  await db.dropDatabase();
  await client.close();
  await pubsub.close();
});

describe(`voucher allocation, ${burst} rewards at once from a pool of 100,000 codes`, () => {
  bench(
    `${burst} allocations`,
    async () => {
      const d = deps();
      const rewards = await Promise.all(
        Array.from({ length: burst }, async () => {
          const claim = { id: randomIds.next("clm"), opportunityId: randomIds.next("opp"), orgId, userId: randomIds.next("usr") };
          const reward = rewardFor({ type: "voucher", value: 500, currency: "EUR", poolId }, claim, randomIds.next("rwd"), new Date());
          await d.rewards.insert(reward);
          return reward;
        }),
      );
      const started = performance.now();
      await Promise.all(rewards.map((reward) => issueVoucherReward(d, reward, poolId)));
      console.log(`  ${burst} voucher rewards issued in ${(performance.now() - started).toFixed(0)} ms: ${((burst * 1000) / (performance.now() - started)).toFixed(0)} allocations/s`);
    },
    { iterations: 3, warmupIterations: 0, time: 0, warmupTime: 0 },
  );
});
