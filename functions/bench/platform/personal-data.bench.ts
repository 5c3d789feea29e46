import { MongoClient, type Db } from "mongodb";
import { afterAll, beforeAll, bench, describe } from "vitest";
import { dataKeys, type DataKeys } from "../../src/adapters/kms/data-keys.js";
import { getKms } from "../../src/adapters/kms/kms-client.js";
import { kmsWrapping } from "../../src/adapters/kms/kms-wrapping.js";
import { piiCipher } from "../../src/adapters/kms/pii-cipher.js";
import { aggregateCollection, type AggregateDocument } from "../../src/adapters/mongo/aggregate-store.js";
import { aggregateCollections } from "../../src/adapters/mongo/collections.js";
import { mongoDataKeyStore } from "../../src/adapters/mongo/data-key-store.js";
import { randomIds } from "../../src/adapters/random-ids.js";
import { patchedProfile } from "../../src/domain/identity/profile.js";
import { newUser, User } from "../../src/domain/identity/user.js";

// The latency personal-data encryption adds to storing and reading one user (display name, birth
// date, demographics sealed), against the local KMS (userx-kms) and database (`npm run bench`
// starts them): the plain codec as the baseline, then sealing and opening with the user's data
// key cached (warm), and opening on an instance that has not unwrapped it yet (cold: a read of
// data_keys and a KMS Decrypt). The difference to the baseline is the added latency.

let client: MongoClient;
let db: Db;
let keys: DataKeys;
let stored: AggregateDocument;
const user = (() => {
  const fresh = newUser("firebase:bench", randomIds.next("usr"), new Date());
  return { ...fresh, profile: patchedProfile(fresh.profile, { displayName: "Ada Lovelace", birthDate: "1990-12-10", demographics: { gender: "female", employment: "student" } }, new Date()) };
})();

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run through npm run bench`);
  return value;
};

const keyName = () => `projects/${env("GCLOUD_PROJECT")}/locations/us-central1/keyRings/userx/cryptoKeys/secrets`;
const newKeys = () => dataKeys(mongoDataKeyStore(db), kmsWrapping(getKms(env("KMS_EMULATOR_HOST")), keyName(), 10_000));
const sealedUsers = (with_: DataKeys) => aggregateCollections(db, undefined, piiCipher(with_)).users;

beforeAll(async () => {
  client = new MongoClient(env("MONGODB_URI"));
  db = client.db(`bench_personal_data_${Date.now()}`);
  keys = newKeys();
  stored = await sealedUsers(keys).toDocument(user);
});

afterAll(async () => {
  await db.dropDatabase();
  await client.close();
});

describe("one user's personal data through the codec", () => {
  const plain = () => aggregateCollection(db, "users", User);
  bench("plain codec: encode and parse (baseline)", async () => {
    const users = plain();
    await users.fromDocument(await users.toDocument(user));
  });
  bench("sealed, warm data-key cache: seal and open", async () => {
    const users = sealedUsers(keys);
    await users.fromDocument(await users.toDocument(user));
  });
  bench("sealed, cold data-key cache: open (data_keys read + KMS Decrypt)", async () => {
    await sealedUsers(newKeys()).fromDocument(stored);
  });
});
