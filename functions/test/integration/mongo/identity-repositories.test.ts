import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mongoApiKeyRepository } from "../../../src/adapters/mongo/api-key-repository.js";
import { mongoOrganizationRepository } from "../../../src/adapters/mongo/organization-repository.js";
import { mongoUserRepository } from "../../../src/adapters/mongo/user-repository.js";
import type { Organization } from "../../../src/domain/identity/principal.js";
import type { ApiKeyRecord, ApiKeyRepository, OrganizationRepository, UserRepository } from "../../../src/ports/repositories.js";
import { now, secondsAfter } from "./fixtures.js";
import { concurrently, openTestDatabase, storedDocuments, testId } from "./mongo-test-database.js";

let db: Db;
let drop: () => Promise<void>;
let organizations: OrganizationRepository;
let users: UserRepository;
let apiKeys: ApiKeyRepository;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase("it_mongo_identity"));
  organizations = mongoOrganizationRepository(db);
  users = mongoUserRepository(db);
  apiKeys = mongoApiKeyRepository(db);
});

afterAll(() => drop());

const anOrganization = (): Organization => ({ id: testId("org"), name: "Acme", members: [{ userId: testId("usr"), role: "owner" }], createdAt: now });

describe("mongoOrganizationRepository", () => {
  it("stores an organization and reads it back", async () => {
    const org = anOrganization();
    await organizations.insert(org);
    expect(await organizations.findById(org.id)).toEqual(org);
    expect(await organizations.findById(testId("org"))).toBeNull();
  });

  it("adds members and changes a member's role", async () => {
    const org = anOrganization();
    await organizations.insert(org);
    const reviewer = testId("usr");

    await organizations.upsertMember(org.id, reviewer, "reviewer");
    const updated = await organizations.upsertMember(org.id, reviewer, "admin");

    expect(updated?.members).toEqual([...org.members, { userId: reviewer, role: "admin" }]);
    expect((await storedDocuments(db, "organizations").findOne({ _id: org.id }))?.members).toEqual(updated?.members);
  });

  it("keeps every member added or changed at the same time, each once", async () => {
    const org = anOrganization();
    await organizations.insert(org);
    const newcomers = Array.from({ length: 8 }, () => testId("usr"));

    await Promise.all(newcomers.map((userId) => organizations.upsertMember(org.id, userId, "viewer")));
    await Promise.all(newcomers.slice(0, 3).map((userId) => organizations.upsertMember(org.id, userId, "developer")));
    await concurrently(4, () => organizations.upsertMember(org.id, newcomers[0] ?? "", "developer"));

    const members = (await organizations.findById(org.id))?.members ?? [];
    expect(members.map((m) => m.userId).sort()).toEqual([...org.members.map((m) => m.userId), ...newcomers].sort());
    expect(members.filter((m) => m.role === "developer").map((m) => m.userId).sort()).toEqual(newcomers.slice(0, 3).sort());
  });

  it("lists the organizations a user belongs to, oldest first", async () => {
    const userId = testId("usr");
    const older = { ...anOrganization(), createdAt: secondsAfter(now, -60) };
    const newer = anOrganization();
    for (const org of [newer, older, anOrganization()]) await organizations.insert(org);
    await organizations.upsertMember(newer.id, userId, "viewer");
    await organizations.upsertMember(older.id, userId, "admin");

    const listed = await organizations.listByMember(userId);

    expect(listed.map((org) => org.id)).toEqual([older.id, newer.id]);
    expect(listed[0]?.members).toContainEqual({ userId, role: "admin" });
    expect(await organizations.listByMember(testId("usr"))).toEqual([]);
  });

  it("answers null for an organization that does not exist", async () => {
    expect(await organizations.upsertMember(testId("org"), testId("usr"), "viewer")).toBeNull();
  });
});

describe("mongoUserRepository", () => {
  it("creates a user on first sight and finds the same user afterwards", async () => {
    const identityKey = `firebase:${testId("usr")}`;
    const first = { id: testId("usr"), identityKey, createdAt: now };
    expect(await users.findOrCreateByIdentity(identityKey, first)).toEqual(first);
    expect(await users.findOrCreateByIdentity(identityKey, { id: testId("usr"), identityKey, createdAt: secondsAfter(now, 1) })).toEqual(first);
  });

  it("gives concurrent first requests of one identity the same user", async () => {
    const identityKey = `oidc:https://issuer.example:${testId("usr")}`;
    const results = await concurrently(20, () => users.findOrCreateByIdentity(identityKey, { id: testId("usr"), identityKey, createdAt: now }));
    const stored = await storedDocuments(db, "users").find({ identityKey }).toArray();
    expect(stored).toHaveLength(1);
    for (const user of results) expect(user.id).toBe(stored[0]?._id);
  });
});

describe("mongoApiKeyRepository", () => {
  const aKey = (): ApiKeyRecord => ({
    id: testId("key"),
    orgId: testId("org"),
    name: "CI",
    scopes: ["opportunities:read", "claims:read"],
    hash: testId("key"),
    createdAt: now,
    revokedAt: null,
    lastUsedAt: null,
  });

  it("finds an active key by its hash, and not a revoked one", async () => {
    const active = aKey();
    const revoked = { ...aKey(), revokedAt: now };
    await apiKeys.insert(active);
    await apiKeys.insert(revoked);
    expect(await apiKeys.findActiveByHash(active.hash)).toEqual(active);
    expect(await apiKeys.findActiveByHash(revoked.hash)).toBeNull();
  });

  it("refuses a second key with the same hash", async () => {
    const key = aKey();
    await apiKeys.insert(key);
    await expect(apiKeys.insert({ ...aKey(), hash: key.hash })).rejects.toMatchObject({ name: "AppError", code: "conflict" });
    expect(await storedDocuments(db, "api_keys").countDocuments({ hash: key.hash })).toBe(1);
  });

  it("records the latest use, whatever order touches arrive in", async () => {
    const key = aKey();
    await apiKeys.insert(key);
    await apiKeys.touch(key.id, secondsAfter(now, 20));
    await apiKeys.touch(key.id, secondsAfter(now, 10));
    expect((await apiKeys.findActiveByHash(key.hash))?.lastUsedAt).toEqual(secondsAfter(now, 20));
  });
});
