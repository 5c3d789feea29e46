import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mongoIdempotencyStore } from "../../../src/adapters/mongo/idempotency-store.js";
import type { IdempotencyStore } from "../../../src/ports/idempotency-store.js";
import { now, secondsAfter } from "./fixtures.js";
import { concurrently, openTestDatabase, storedDocuments } from "./mongo-test-database.js";

let db: Db;
let drop: () => Promise<void>;
let store: IdempotencyStore;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase("it_mongo_idempotency"));
  store = mongoIdempotencyStore(db);
});

afterAll(() => drop());

let keys = 0;
const freshKey = () => `key-${++keys}`;
const record = (key: string) => storedDocuments(db, "idempotency_keys").findOne({ _id: `POST /v1/claims:${key}` });
const scope = "POST /v1/claims";
const response = { status: 201, body: '{"id":"clm_1"}' };

describe("mongoIdempotencyStore", () => {
  it("starts a request under a new key, then replays its response to retries", async () => {
    const key = freshKey();
    expect(await store.begin(scope, key, "fp-a", now)).toEqual({ state: "new" });
    expect(await record(key)).toEqual({ _id: `${scope}:${key}`, fingerprint: "fp-a", state: "in_progress", createdAt: now });

    await store.complete(scope, key, response);

    expect(await store.begin(scope, key, "fp-a", secondsAfter(now, 5))).toEqual({ state: "replay", response });
    expect(await record(key)).toMatchObject({ state: "completed", response });
  });

  it("reports a request still running under the key", async () => {
    const key = freshKey();
    await store.begin(scope, key, "fp-a", now);
    expect(await store.begin(scope, key, "fp-a", secondsAfter(now, 59))).toEqual({ state: "in_progress" });
  });

  it("reports a key reused with another request body, running or completed", async () => {
    const key = freshKey();
    await store.begin(scope, key, "fp-a", now);
    expect(await store.begin(scope, key, "fp-b", now)).toEqual({ state: "mismatch" });
    await store.complete(scope, key, response);
    expect(await store.begin(scope, key, "fp-b", now)).toEqual({ state: "mismatch" });
  });

  it("keeps keys of different scopes apart", async () => {
    const key = freshKey();
    await store.begin(scope, key, "fp-a", now);
    expect(await store.begin("POST /v1/opportunities", key, "fp-b", now)).toEqual({ state: "new" });
  });

  it("lets exactly one of many concurrent first requests run", async () => {
    const key = freshKey();
    const claims = await concurrently(20, () => store.begin(scope, key, "fp-a", now));
    expect(claims.filter((claim) => claim.state === "new")).toHaveLength(1);
    expect(claims.filter((claim) => claim.state === "in_progress")).toHaveLength(19);
  });

  it("frees a released key for a retry, but never forgets a completed response", async () => {
    const released = freshKey();
    await store.begin(scope, released, "fp-a", now);
    await store.release(scope, released);
    expect(await record(released)).toBeNull();
    expect(await store.begin(scope, released, "fp-a", now)).toEqual({ state: "new" });

    const completed = freshKey();
    await store.begin(scope, completed, "fp-a", now);
    await store.complete(scope, completed, response);
    await store.release(scope, completed);
    expect(await store.begin(scope, completed, "fp-a", now)).toEqual({ state: "replay", response });
  });

  it("hands an abandoned request's key to exactly one of the retries that find it", async () => {
    const key = freshKey();
    await store.begin(scope, key, "fp-a", now);
    const later = secondsAfter(now, 61);

    const claims = await concurrently(10, () => store.begin(scope, key, "fp-a", later));

    expect(claims.filter((claim) => claim.state === "new")).toHaveLength(1);
    expect(await record(key)).toMatchObject({ state: "in_progress", createdAt: later });
    expect(await store.begin(scope, key, "fp-a", secondsAfter(later, 1))).toEqual({ state: "in_progress" });
  });
});
