import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataKeys } from "../../../src/adapters/kms/data-keys.js";
import { getKms } from "../../../src/adapters/kms/kms-client.js";
import { kmsWrapping } from "../../../src/adapters/kms/kms-wrapping.js";
import { piiCipher } from "../../../src/adapters/kms/pii-cipher.js";
import { mongoAggregateStore } from "../../../src/adapters/mongo/aggregate-store.js";
import { aggregateCollections } from "../../../src/adapters/mongo/collections.js";
import { mongoDataKeyStore, rewrapDataKeys } from "../../../src/adapters/mongo/data-key-store.js";
import { readRuntimeConfig } from "../../../src/config.js";
import { patchedProfile } from "../../../src/domain/identity/profile.js";
import { aClaim, anActiveOpportunity, aSubmission, aUser, now } from "./fixtures.js";
import { openTestDatabase, storedDocument } from "./mongo-test-database.js";

// Rotation against the local KMS (userx-kms): a new primary version wraps new data keys, old
// versions still unwrap the keys they wrapped, and the re-wrap job moves every data key to the
// primary version without touching what the keys sealed.

let db: Db;
let drop: () => Promise<void>;
const { kms: kmsConfig } = readRuntimeConfig();
const kms = getKms(kmsConfig.emulatorHost);
const wrapping = kmsWrapping(kms, kmsConfig.keyName, 10_000);

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase("it_mongo_key_rotation"));
});

afterAll(() => drop());

/** The repositories of users and submissions as a fresh instance has them: a cold cache of data keys. */
function coldStores() {
  const { users, submissions } = aggregateCollections(db, undefined, piiCipher(dataKeys(mongoDataKeyStore(db), wrapping)));
  return { users: mongoAggregateStore(users), submissions: mongoAggregateStore(submissions) };
}

async function rotate(): Promise<string> {
  const [version] = await kms.createCryptoKeyVersion({ parent: kmsConfig.keyName, cryptoKeyVersion: {} });
  const versionId = String(version.name).split("/").at(-1) ?? "";
  await kms.updateCryptoKeyPrimaryVersion({ name: kmsConfig.keyName, cryptoKeyVersionId: versionId });
  return String(version.name);
}

describe("after a rotation of the KMS key", () => {
  it("everything still reads, before and after the re-wrap job moves the data keys to the new primary version", async () => {
    const user = aUser();
    const withProfile = { ...user, profile: patchedProfile(user.profile, { displayName: "Rotated Person", birthDate: "1985-06-01" }, now) };
    const opportunity = anActiveOpportunity();
    const submission = { ...aSubmission(aClaim(opportunity, { userId: user.id }), opportunity), answers: { comment: "still readable" } };
    await coldStores().users.insert(withProfile);
    await coldStores().submissions.insert(submission);
    const wrappedBefore = await storedDocument(db, "data_keys", user.id);
    const sealedBefore = await storedDocument(db, "users", user.id);

    const primary = await rotate();
    expect(wrappedBefore?.["keyVersion"]).not.toBe(primary);
    // The old version still unwraps the key it wrapped.
    expect(await coldStores().users.findById(user.id)).toEqual(withProfile);

    const first = await rewrapDataKeys(db, wrapping);
    expect(first).toEqual({ rewrapped: expect.any(Number), primary });
    expect(first.rewrapped).toBeGreaterThanOrEqual(1);
    const wrappedAfter = await storedDocument(db, "data_keys", user.id);
    expect(wrappedAfter).toMatchObject({ keyVersion: primary, rewrappedAt: expect.any(Date) });
    expect(wrappedAfter?.["wrappedKey"]).not.toBe(wrappedBefore?.["wrappedKey"]);
    expect(await storedDocument(db, "users", user.id)).toEqual(sealedBefore);

    expect(await coldStores().users.findById(user.id)).toEqual(withProfile);
    expect(await coldStores().submissions.findById(submission.id)).toEqual(submission);
    expect((await rewrapDataKeys(db, wrapping)).rewrapped).toBe(0);
  });
});
