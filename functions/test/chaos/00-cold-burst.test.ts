import { afterAll, describe, expect, it } from "vitest";
import { platformDatabase } from "../e2e/support/mongo.js";
import { recordFigure } from "./support/figures.js";
import { settle, violations } from "./support/invariants.js";
import { claimAll, crowd, expectConsistentAnswers, requestCounts, submitAll } from "./support/scenario.js";

// 50 participants at once on a platform that has just started: no function instance is warm, so
// the Functions emulator boots its workers under load. The chaos project runs this file first.

const database = platformDatabase();
afterAll(() => database.close());

describe("a burst on a freshly started platform", () => {
  it("serves 50 participants claiming and completing at once, and pays every one", { timeout: 600_000 }, async () => {
    const { opportunity, participants } = await crowd(50, 50);
    const started = Date.now();
    await claimAll(participants, opportunity.id, 25);
    await submitAll(participants, 25);
    const answered = Date.now();

    await settle(() => violations(database.db, opportunity.id));
    await expectConsistentAnswers(participants, opportunity.id);
    expect(participants.every((p) => p.submission?.final.status === 201)).toBe(true);
    await recordFigure({ fault: "50 participants at once on a fresh platform", settleMs: Date.now() - answered, ...requestCounts(participants), burstMs: answered - started });
  });
});
