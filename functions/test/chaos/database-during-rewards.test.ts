import { afterAll, describe, expect, it } from "vitest";
import { platformDatabase } from "../e2e/support/mongo.js";
import { platformControl as control } from "../e2e/support/platform-control.js";
import { recordFigure } from "./support/figures.js";
import { settle, violations } from "./support/invariants.js";
import { claimAll, crowd, expectConsistentAnswers, requestCounts, submitAll } from "./support/scenario.js";

// The database server killed for 4 s just as the rewards subscriber issues the rewards of a
// dozen claims completed a moment before: the subscriber fails, and Pub/Sub redelivers.

const database = platformDatabase();
afterAll(() => database.close());

describe("the database killed while rewards are issued", () => {
  it("pays every completed claim exactly once", { timeout: 600_000 }, async () => {
    const { opportunity, participants } = await crowd(12, 12);
    await claimAll(participants, opportunity.id, 6);
    await submitAll(participants, 6);
    await control.kill("mongo");
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    await control.start("mongo");
    const back = Date.now();

    await settle(() => violations(database.db, opportunity.id));
    const settleMs = Date.now() - back;
    await expectConsistentAnswers(participants, opportunity.id);
    expect(participants.every((p) => p.submission?.final.status === 201)).toBe(true);
    await recordFigure({ fault: "database killed 4 s while rewards are issued", settleMs, ...requestCounts(participants) });
  });
});
