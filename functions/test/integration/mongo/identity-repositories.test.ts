import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mongoApiKeyRepository } from "../../../src/adapters/mongo/api-key-repository.js";
import { mongoOrganizationRepository } from "../../../src/adapters/mongo/organization-repository.js";
import { mongoUserRepository } from "../../../src/adapters/mongo/user-repository.js";
import { insertIfAbsent, updateAggregate } from "../../../src/app/shared/update-aggregate.js";
import type { OrgRole } from "../../../src/contracts/route.js";
import { withMember } from "../../../src/domain/organizations/organization.js";
import type { ApiKeyRepository } from "../../../src/ports/api-key-repository.js";
import type { OrganizationRepository } from "../../../src/ports/organization-repository.js";
import type { UserRepository } from "../../../src/ports/user-repository.js";
import { anApiKey, anOrganization, aUser, now, secondsAfter } from "./fixtures.js";
import { concurrently, openTestDatabase, rejectionOf, storedDocument, storedDocuments, testId } from "./mongo-test-database.js";

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

/** Adds or changes a member as app/organizations/add-member.ts does, acting as the organization's owner. */
const setMember = (orgId: string, userId: string, role: OrgRole) =>
  updateAggregate(organizations, orgId, (org) => {
    const owner = org.members.find((member) => member.role === "owner");
    if (!owner) throw new Error("the organization has no owner");
    return { next: withMember(org, owner.userId, userId, role) };
  });

describe("mongoOrganizationRepository", () => {
  it("stores an organization and reads it back, as version 1", async () => {
    const org = anOrganization();
    await organizations.insert(org);
    expect(await organizations.findById(org.id)).toEqual(org);
    expect(await storedDocument(db, "organizations", org.id)).toMatchObject({ version: 1 });
    expect(await organizations.findById(testId("org"))).toBeNull();
  });

  it("adds members and changes a member's role, each change a new version", async () => {
    const org = anOrganization();
    await organizations.insert(org);
    const reviewer = testId("usr");

    await setMember(org.id, reviewer, "reviewer");
    const updated = await setMember(org.id, reviewer, "admin");

    expect(updated).toEqual({ ...org, members: [...org.members, { userId: reviewer, role: "admin" }], version: 3 });
    expect(await storedDocument(db, "organizations", org.id)).toMatchObject({ members: updated?.members, version: 3 });
  });

  it("keeps every member added or changed at the same time, each once", async () => {
    const org = anOrganization();
    await organizations.insert(org);
    const newcomers = Array.from({ length: 8 }, () => testId("usr"));
    const [first] = newcomers;
    if (!first) throw new Error("newcomers expected");

    await Promise.all(newcomers.map((userId) => setMember(org.id, userId, "viewer")));
    await Promise.all([...newcomers.slice(0, 3).map((userId) => setMember(org.id, userId, "developer")), ...Array.from({ length: 4 }, () => setMember(org.id, first, "developer"))]);

    const members = (await organizations.findById(org.id))?.members ?? [];
    expect(members.map((m) => m.userId).sort()).toEqual([...org.members.map((m) => m.userId), ...newcomers].sort());
    expect(members.filter((m) => m.role === "developer").map((m) => m.userId).sort()).toEqual(newcomers.slice(0, 3).sort());
    // Each of the 15 changes was saved exactly once, on top of the ones before it.
    expect((await organizations.findById(org.id))?.version).toBe(1 + 8 + 7);
  });

  it("lists the organizations a user belongs to, oldest first", async () => {
    const userId = testId("usr");
    const older = anOrganization({ createdAt: secondsAfter(now, -60) });
    const newer = anOrganization();
    for (const org of [newer, older, anOrganization()]) await organizations.insert(org);
    await setMember(newer.id, userId, "viewer");
    await setMember(older.id, userId, "admin");

    const listed = await organizations.listByMember(userId);

    expect(listed.map((org) => org.id)).toEqual([older.id, newer.id]);
    expect(listed[0]).toEqual({ ...older, members: [...older.members, { userId, role: "admin" }], version: 2 });
    expect(await organizations.listByMember(testId("usr"))).toEqual([]);
  });

  it("changes nothing for an organization that does not exist", async () => {
    const orgId = testId("org");
    expect(await setMember(orgId, testId("usr"), "viewer")).toBeNull();
    expect(await storedDocument(db, "organizations", orgId)).toBeNull();
  });
});

describe("mongoUserRepository", () => {
  it("stores a user and finds it by id and by identity, as version 1", async () => {
    const user = aUser();
    await users.insert(user);
    expect(await users.findById(user.id)).toEqual(user);
    expect(await users.findByIdentity(user.identityKey)).toEqual(user);
    expect(await users.findByIdentity(`firebase:${testId("usr")}`)).toBeNull();
    expect(await storedDocument(db, "users", user.id)).toMatchObject({ identityKey: user.identityKey, version: 1 });
  });

  it("refuses a second user with the same identity with conflict, writing nothing", async () => {
    const user = aUser();
    await users.insert(user);
    const twin = aUser(user.identityKey);
    expect(await rejectionOf(users.insert(twin))).toMatchObject({ name: "AppError", code: "conflict" });
    expect(await storedDocument(db, "users", twin.id)).toBeNull();
  });

  it("gives concurrent first sign-ins of one identity the same user", async () => {
    const identityKey = `oidc:https://issuer.example:${testId("usr")}`;
    // As app/identity/authenticate.ts does on first sight: insert unless taken, then read whoever won.
    const results = await concurrently(20, async () => {
      const candidate = aUser(identityKey);
      return (await insertIfAbsent(users, candidate)) ? candidate : users.findByIdentity(identityKey);
    });
    const stored = await storedDocuments(db, "users").find({ identityKey }).toArray();
    expect(stored).toHaveLength(1);
    for (const user of results) expect(user?.id).toBe(stored[0]?._id);
  });
});

describe("mongoApiKeyRepository", () => {
  it("stores a key and finds it by id and by hash, as version 1", async () => {
    const key = anApiKey(["opportunities:write"]);
    await apiKeys.insert(key);
    expect(await apiKeys.findById(key.id)).toEqual(key);
    expect(await apiKeys.findByHash(key.hash)).toEqual(key);
    expect(await apiKeys.findByHash(anApiKey().hash)).toBeNull();
    expect(await storedDocument(db, "api_keys", key.id)).toMatchObject({ hash: key.hash, lastUsedAt: null, version: 1 });
  });

  it("refuses a second key with the same hash with conflict, writing nothing", async () => {
    const key = anApiKey();
    await apiKeys.insert(key);
    const copy = { ...anApiKey(), hash: key.hash };
    await expect(apiKeys.insert(copy)).rejects.toMatchObject({ name: "AppError", code: "conflict" });
    expect(await storedDocuments(db, "api_keys").countDocuments({ hash: key.hash })).toBe(1);
    expect(await storedDocument(db, "api_keys", copy.id)).toBeNull();
  });

  it("records the latest use, whatever order touches arrive in", async () => {
    const key = anApiKey();
    await apiKeys.insert(key);
    await apiKeys.touch(key.id, secondsAfter(now, 20));
    await apiKeys.touch(key.id, secondsAfter(now, 10));
    expect((await apiKeys.findByHash(key.hash))?.lastUsedAt).toEqual(secondsAfter(now, 20));
  });
});
