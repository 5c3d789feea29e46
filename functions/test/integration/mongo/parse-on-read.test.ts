import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mongoRepositories } from "../../../src/adapters/mongo/repositories.js";
import { AppError } from "../../../src/domain/app-error.js";
import { aClaim, anActiveOpportunity, anOpportunity } from "./fixtures.js";
import { openTestDatabase, storedDocuments } from "./mongo-test-database.js";

let db: Db;
let drop: () => Promise<void>;
let repositories: ReturnType<typeof mongoRepositories>;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase("it_mongo_parse"));
  repositories = mongoRepositories(db);
});

afterAll(() => drop());

async function rejection(read: Promise<unknown>): Promise<AppError> {
  const error = await read.then(() => undefined, (reason: unknown) => reason);
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("documents are parsed on every read", () => {
  it("rejects a document whose field has the wrong type, naming the document and the field", async () => {
    const opportunity = anOpportunity();
    await repositories.opportunities.insert(opportunity);
    await storedDocuments(db, "opportunities").updateOne({ _id: opportunity.id }, { $set: { createdAt: "yesterday" } });

    const error = await rejection(repositories.opportunities.findById(opportunity.id));

    expect(error.code).toBe("internal");
    expect(error.message).toContain(`corrupt document ${opportunity.id} in opportunities`);
    expect(error.message).toContain("createdAt");
    expect(error.details).toEqual({ collection: "opportunities", id: opportunity.id });
  });

  it("rejects a status the domain does not know, wherever the document is read", async () => {
    const claim = aClaim(anActiveOpportunity());
    await repositories.claims.insert(claim, []);
    await storedDocuments(db, "claims").updateOne({ _id: claim.id }, { $set: { status: "stolen" } });

    for (const read of [
      () => repositories.claims.findById(claim.id),
      () => repositories.claims.findByUserAndOpportunity(claim.userId, claim.opportunityId),
      () => repositories.claims.listByUser(claim.userId, {}, { limit: 10, order: "asc" }),
      () => repositories.claims.approveTask(claim.id, "task_1", null),
    ]) {
      const error = await rejection(read());
      expect(error.message).toContain(`corrupt document ${claim.id} in claims`);
      expect(error.message).toContain("status");
    }
  });

  it("rejects a document that lacks a field", async () => {
    await storedDocuments(db, "webhook_endpoints").insertOne({ _id: "whe_0123456789abcdef", orgId: "org_0123456789abcdef", url: "https://example.com" });
    const error = await rejection(repositories.webhookEndpoints.findById("whe_0123456789abcdef"));
    expect(error.message).toContain("corrupt document whe_0123456789abcdef in webhook_endpoints");
    expect(error.message).toContain("eventTypes");
  });

  it("rejects an id without its type prefix", async () => {
    await storedDocuments(db, "users").insertOne({ _id: "user-17", identityKey: "firebase:abc", createdAt: new Date() });
    const error = await rejection(repositories.users.findOrCreateByIdentity("firebase:abc", { id: "usr_0123456789abcdef", identityKey: "firebase:abc", createdAt: new Date() }));
    expect(error.message).toContain("corrupt document user-17 in users");
  });
});
