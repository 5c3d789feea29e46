import { afterAll, describe, expect, it } from "vitest";
import { platformDatabase } from "../e2e/support/mongo.js";
import { platformControl as control } from "../e2e/support/platform-control.js";
import { recordFigure } from "./support/figures.js";
import { settle, violations } from "./support/invariants.js";
import { answerCounter, claimAll, crowd, expectConsistentAnswers, requestCounts, submitAll } from "./support/scenario.js";

// The database server killed for 4 s once half of a dozen claims are completed: the rewards
// subscriber fails on the rewards it is issuing, and Pub/Sub redelivers; the submissions still in
// flight are retried by their clients.

const database = platformDatabase();
afterAll(() => database.close());

describe("the database killed while rewards are issued", () => {
  it("pays every completed claim exactly once", { timeout: 600_000 }, async () => {
    const { opportunity, participants } = await crowd(12, 12);
    await claimAll(participants, opportunity.id, 6);
    // Once half the claims are completed, their rewards are being issued while the rest complete.
    const submissions = answerCounter();
    const submitting = submitAll(participants, 3, submissions);
    await submissions.reached(6);
    const issuedBefore = await database.db.collection("rewards").countDocuments({ opportunityId: opportunity.id, status: "issued" });
    await control.kill("mongo");
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    await control.start("mongo");
    const back = Date.now();
    await submitting;

    await settle(() => violations(database.db, opportunity.id));
    const settleMs = Date.now() - back;
    await expectConsistentAnswers(participants, opportunity.id);
    expect(participants.every((p) => p.submission?.final.status === 201)).toBe(true);
    await recordFigure({ fault: "database killed 4 s while rewards are issued", settleMs, ...requestCounts(participants), rewardsIssuedBeforeTheKill: issuedBefore });
  });
});
