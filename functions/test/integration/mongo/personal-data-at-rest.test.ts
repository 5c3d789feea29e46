import { KeyManagementServiceClient } from "@google-cloud/kms";
import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emulatorOptions } from "../../../src/adapters/grpc-emulator.js";
import { dataKeys } from "../../../src/adapters/kms/data-keys.js";
import { kmsWrapping } from "../../../src/adapters/kms/kms-wrapping.js";
import { piiCipher } from "../../../src/adapters/kms/pii-cipher.js";
import { aggregateCollections, encryptPlainPersonalData } from "../../../src/adapters/mongo/collections.js";
import { mongoDataKeyStore } from "../../../src/adapters/mongo/data-key-store.js";
import { mongoAggregateStore } from "../../../src/adapters/mongo/aggregate-store.js";
import { mongoRepositories } from "../../../src/adapters/mongo/repositories.js";
import { readRuntimeConfig } from "../../../src/config.js";
import { newInvitation } from "../../../src/domain/organizations/invitation.js";
import { newPayoutDetails } from "../../../src/domain/payouts/payout-details.js";
import { payoutFor, sending } from "../../../src/domain/payouts/payout.js";
import { patchedProfile } from "../../../src/domain/identity/profile.js";
import { rewardFor } from "../../../src/domain/rewards/reward.js";
import { aClaim, anActiveOpportunity, aSubmission, aUser, now } from "./fixtures.js";
import { openTestDatabase, rejectionOf, storedDocument, testId } from "./mongo-test-database.js";

// Personal data at rest, against the real local servers: what the `mongodb` driver reads raw holds
// no name, email, birth date or answer in clear; the repositories read it all back; a migration
// seals what was stored in clear before; with the key service unreachable nothing is written.

let db: Db;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase("it_mongo_personal_data"));
});

afterAll(() => drop());

const rawText = async (collection: string, id: string) => JSON.stringify(await storedDocument(db, collection, id));

const name = "Ada Lovelace-Byron";
const email = "ada.lovelace@example.com";
const birthDate = "1990-12-10";
const freeText = "I loved the strawberry flavour the most";

describe("personal data at rest", () => {
  it("is never readable in the raw documents, and reads back through the repositories", async () => {
    const repositories = mongoRepositories(db);
    const user = aUser();
    const withProfile = { ...user, profile: patchedProfile(user.profile, { displayName: name, birthDate, demographics: { gender: "female" } }, now) };
    await repositories.users.insert(withProfile);

    const details = newPayoutDetails(user.id, { name, email }, now);
    await repositories.payoutDetails.insert(details);

    const opportunity = anActiveOpportunity();
    const claim = aClaim(opportunity, { userId: user.id });
    const submission = { ...aSubmission(claim, opportunity), answers: { comment: freeText, score: 4 } };
    await repositories.submissions.insert(submission);

    const reward = rewardFor({ type: "cash", value: 500, currency: "EUR" }, claim, testId("rwd"), now);
    const payout = sending(payoutFor(reward, testId("pay"), now), { name, email }, now);
    await repositories.payouts.insert(payout);

    const invitation = newInvitation({ id: testId("inv"), orgId: testId("org"), email, role: "reviewer", invitedBy: testId("usr") }, now);
    await repositories.invitations.insert(invitation);

    for (const [collection, id] of [["users", user.id], ["payout_details", user.id], ["submissions", submission.id], ["payouts", payout.id], ["invitations", invitation.id]] as const) {
      const raw = await rawText(collection, id);
      for (const clear of ["Ada", "Lovelace", "ada.lovelace", "example.com", birthDate, "strawberry", "female"]) expect(raw, `${collection} holds ${clear}`).not.toContain(clear);
    }
    expect(await repositories.users.findById(user.id)).toEqual(withProfile);
    expect(await repositories.payoutDetails.findById(user.id)).toEqual(details);
    expect(await repositories.submissions.findById(submission.id)).toEqual(submission);
    expect(await repositories.payouts.findById(payout.id)).toEqual(payout);
    expect(await repositories.invitations.findById(invitation.id)).toEqual(invitation);

    const keys = await storedDocument(db, "data_keys", user.id);
    expect(keys).toEqual({ _id: user.id, keyName: readRuntimeConfig().kms.keyName, wrappedKey: expect.any(String), keyVersion: expect.stringContaining("/cryptoKeyVersions/"), createdAt: expect.any(Date) });
  });

  it("finds invitations by email through the blind index, and keeps one pending per organization and address", async () => {
    const { invitations } = mongoRepositories(db);
    const orgId = testId("org");
    const invitation = newInvitation({ id: testId("inv"), orgId, email: "grace@example.com", role: "viewer", invitedBy: testId("usr") }, now);
    await invitations.insert(invitation);

    expect(await invitations.findPending(orgId, "grace@example.com")).toEqual(invitation);
    expect(await invitations.listOpenByEmail("grace@example.com")).toEqual([invitation]);
    expect(await invitations.listOpenByEmail("someone.else@example.com")).toEqual([]);
    const twice = newInvitation({ id: testId("inv"), orgId, email: "Grace@Example.com", role: "viewer", invitedBy: testId("usr") }, now);
    expect(await rejectionOf(invitations.insert(twice))).toMatchObject({ code: "conflict" });
    expect(await rawText("invitations", invitation.id)).not.toContain("grace");
  });

  it("stored in clear before encryption is sealed by the migration, which is a no-op once done", async () => {
    const user = aUser();
    await db.collection("users").insertOne({
      _id: user.id as never,
      identityKey: user.identityKey,
      createdAt: now,
      profile: { displayName: name, country: "GB", birthDate, languages: [], demographics: {}, locale: null, updatedAt: now },
      emailOptOuts: [],
      version: 1,
    });
    const { users } = mongoRepositories(db);
    expect((await users.findById(user.id))?.profile.displayName).toBe(name);

    expect((await encryptPlainPersonalData(db)).users).toBeGreaterThanOrEqual(1);
    expect(await rawText("users", user.id)).not.toContain("Lovelace");
    expect((await users.findById(user.id))?.profile).toMatchObject({ displayName: name, birthDate });
    expect((await encryptPlainPersonalData(db)).users).toBe(0);
  });

  it("is not written at all, in clear or sealed, when the key service cannot be reached", async () => {
    const unreachable = new KeyManagementServiceClient(emulatorOptions("127.0.0.1:9"));
    const offline = piiCipher(dataKeys(mongoDataKeyStore(db), kmsWrapping(unreachable, readRuntimeConfig().kms.keyName, 2_000)));
    const { users } = aggregateCollections(db, undefined, offline);
    const user = aUser();
    const withProfile = { ...user, profile: patchedProfile(user.profile, { displayName: name }, now) };

    expect(await rejectionOf(mongoAggregateStore(users).insert(withProfile))).toMatchObject({ code: "unavailable" });
    expect(await storedDocument(db, "users", user.id)).toBeNull();
    expect(await storedDocument(db, "data_keys", user.id)).toBeNull();
    await unreachable.close();
  });
});
