import { afterAll, describe, it } from "vitest";
import { platformDatabase } from "../e2e/support/mongo.js";
import { platformControl as control } from "../e2e/support/platform-control.js";
import { recordFigure } from "./support/figures.js";
import { settle, violations } from "./support/invariants.js";
import { claimAll, crowd, expectConsistentAnswers, requestCounts, submitAll } from "./support/scenario.js";

// The Pub/Sub server killed while participants complete their claims, and restarted 8 s later.
// The local server keeps messages in memory, so whatever it held is gone: the relay tasks publish
// again what could not be published, and reconciliation hands each consumer what it never saw.

const database = platformDatabase();
afterAll(() => database.close());

describe("the Pub/Sub server killed and restarted", () => {
  it("loses no event: every claim completed while it was down is rewarded", { timeout: 600_000 }, async () => {
    const { opportunity, participants } = await crowd(8, 8);
    await claimAll(participants, opportunity.id, 4);
    await control.kill("pubsub");
    await submitAll(participants, 4);
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    await control.start("pubsub");
    const back = Date.now();

    await settle(() => violations(database.db, opportunity.id));
    const settleMs = Date.now() - back;
    await expectConsistentAnswers(participants, opportunity.id);
    await recordFigure({ fault: "Pub/Sub server killed during submissions, back 8 s later", settleMs, ...requestCounts(participants) });
  });
});
