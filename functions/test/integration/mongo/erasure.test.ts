import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mongoRepositories } from "../../../src/adapters/mongo/repositories.js";
import { newPayoutDetails } from "../../../src/domain/payouts/payout-details.js";
import { payoutFor, sending } from "../../../src/domain/payouts/payout.js";
import { patchedProfile } from "../../../src/domain/identity/profile.js";
import { rewardFor } from "../../../src/domain/rewards/reward.js";
import { aClaim, anActiveOpportunity, aSubmission, aUser, now } from "./fixtures.js";
import { openTestDatabase, storedDocument, testId } from "./mongo-test-database.js";

// Crypto-shredding against the real local servers: once the vault shreds a user's data key, every
// sealed value of theirs, left as it was in the database (as in any backup), reads as erased.

let db: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase("it_mongo_erasure"));
});

afterAll(() => drop());

describe("shredding a user's data key", () => {
  it("leaves their sealed data in place but unreadable, and deletes their payout details; another user's stays readable", async () => {
    const repositories = mongoRepositories(db);
    const [gone, stays] = [aUser(), aUser()];
    const opportunity = anActiveOpportunity();
    const submissions = [];
    for (const user of [gone, stays]) {
      await repositories.users.insert({ ...user, profile: patchedProfile(user.profile, { displayName: "Someone", birthDate: "1991-01-01" }, now) });
      await repositories.payoutDetails.insert(newPayoutDetails(user.id, { name: "Someone", email: "someone@example.com" }, now));
      const claim = aClaim(opportunity, { userId: user.id });
      const submission = { ...aSubmission(claim, opportunity), answers: { comment: "free text" } };
      await repositories.submissions.insert(submission);
      submissions.push(submission);
      const reward = rewardFor({ type: "cash", value: 500, currency: "EUR" }, claim, testId("rwd"), now);
      await repositories.payouts.insert(sending(payoutFor(reward, testId("pay"), now), { name: "Someone", email: "someone@example.com" }, now));
    }
    const sealedBefore = await storedDocument(db, "submissions", submissions[0]?.id ?? "");

    await repositories.vault.shred(gone.id);
    await repositories.vault.shred(gone.id);

    expect(await storedDocument(db, "data_keys", gone.id)).toBeNull();
    expect(await storedDocument(db, "submissions", submissions[0]?.id ?? "")).toEqual(sealedBefore);
    expect((await repositories.submissions.findById(submissions[0]?.id ?? ""))?.answers).toEqual({});
    expect((await repositories.users.findById(gone.id))?.profile).toMatchObject({ displayName: null, birthDate: null });
    expect(await repositories.payoutDetails.findById(gone.id)).toBeNull();

    expect((await repositories.submissions.findById(submissions[1]?.id ?? ""))?.answers).toEqual({ comment: "free text" });
    expect((await repositories.users.findById(stays.id))?.profile.displayName).toBe("Someone");
  });
});
