import { afterAll, describe, expect, it } from "vitest";
import { platformDatabase } from "../e2e/support/mongo.js";
import { platformControl as control } from "../e2e/support/platform-control.js";
import { recordFigure } from "./support/figures.js";
import { settle, violations } from "./support/invariants.js";
import { answerCounter, claimAll, crowd, expectConsistentAnswers, requestCounts, submitAll } from "./support/scenario.js";

// The database server killed for 4 s in the middle of a burst of claims, and again in the middle
// of the submissions: 20 participants, 12 places, clients that retry with the same key.

const database = platformDatabase();
afterAll(() => database.close());

/** Kills the database once `started` resolves (some answers back, the rest in flight), for 4 s; returns when it was back. */
async function outage(during: Promise<unknown>, started: Promise<void>): Promise<number> {
  await started;
  await control.kill("mongo");
  await new Promise((resolve) => setTimeout(resolve, 4_000));
  await control.start("mongo");
  const back = Date.now();
  await during;
  return back;
}

describe("the database killed and restarted", () => {
  it("during claims and during submissions: no place lost or oversold, every answer consistent, every reward paid", { timeout: 600_000 }, async () => {
    const { opportunity, participants } = await crowd(20, 12);

    const claims = answerCounter();
    const claiming = claimAll(participants, opportunity.id, 4, claims);
    await outage(claiming, claims.reached(3));
    const submissions = answerCounter();
    const submitting = submitAll(participants, 3, submissions);
    const back = await outage(submitting, submissions.reached(2));

    await settle(() => violations(database.db, opportunity.id));
    const settleMs = Date.now() - back;
    await expectConsistentAnswers(participants, opportunity.id);
    expect(participants.filter((p) => p.claim?.final.status === 201)).toHaveLength(12);
    await recordFigure({ fault: "database killed 4 s during claims, then during submissions", settleMs, ...requestCounts(participants) });
  });
});
