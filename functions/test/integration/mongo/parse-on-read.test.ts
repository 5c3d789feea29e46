import type { Db } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mongoRepositories } from "../../../src/adapters/mongo/repositories.js";
import { AppError } from "../../../src/domain/app-error.js";
import { aClaim, anActiveOpportunity, anApiKey, anEndpoint, anOpportunity, approveTask, aSubmission, now } from "./fixtures.js";
import { openTestDatabase, rejectionOf, storedDocument, storedDocuments, testId } from "./mongo-test-database.js";

let db: Db;
let drop: () => Promise<void>;
let repositories: ReturnType<typeof mongoRepositories>;

beforeAll(async () => {
  ({ db, drop } = await openTestDatabase("it_mongo_parse"));
  repositories = mongoRepositories(db);
});

afterAll(() => drop());

async function rejection(read: Promise<unknown>): Promise<AppError> {
  const error = await rejectionOf(read);
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

/** Everything an error carries that could reach a response or a log line. */
const everythingSaid = (error: AppError) => JSON.stringify({ message: error.message, details: error.details, cause: String(error.cause) });

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
    const before = await storedDocument(db, "claims", claim.id);

    for (const read of [
      () => repositories.claims.findById(claim.id),
      () => repositories.claims.findLatestOf(claim.userId, claim.opportunityId),
      () => repositories.claims.listByUser(claim.userId, {}, { limit: 10, order: "asc" }),
      () => approveTask(repositories.claims, claim.id, "task_1", now),
    ]) {
      const error = await rejection(read());
      expect(error.code).toBe("internal");
      expect(error.message).toContain(`corrupt document ${claim.id} in claims`);
      expect(error.message).toContain("status");
    }
    // Nothing was decided on the corrupt read, so nothing was saved.
    expect(await storedDocument(db, "claims", claim.id)).toEqual(before);
  });

  it("rejects a document that lacks a field", async () => {
    await storedDocuments(db, "webhook_endpoints").insertOne({ _id: "whe_0123456789abcdef", orgId: "org_0123456789abcdef", url: "https://example.com", version: 1 });
    const error = await rejection(repositories.webhookEndpoints.findById("whe_0123456789abcdef"));
    expect(error.message).toContain("corrupt document whe_0123456789abcdef in webhook_endpoints");
    expect(error.message).toContain("eventTypes");
  });

  it("rejects a document without a version", async () => {
    const key = anApiKey();
    await repositories.apiKeys.insert(key);
    await storedDocuments(db, "api_keys").updateOne({ _id: key.id }, { $unset: { version: "" } });
    const error = await rejection(repositories.apiKeys.findByHash(key.hash));
    expect(error.message).toContain(`corrupt document ${key.id} in api_keys`);
    expect(error.message).toContain("version");
  });

  it("rejects an id without its type prefix", async () => {
    await storedDocuments(db, "users").insertOne({ _id: "user-17", identityKey: "firebase:abc", createdAt: new Date(), version: 1 });
    const error = await rejection(repositories.users.findByIdentity("firebase:abc"));
    expect(error.message).toContain("corrupt document user-17 in users");
  });

  it("rejects submission answers that are not the stored list of answers", async () => {
    const opportunity = anActiveOpportunity();
    const submission = aSubmission(aClaim(opportunity), opportunity);
    await repositories.submissions.insert(submission);
    await storedDocuments(db, "submissions").updateOne({ _id: submission.id }, { $set: { answers: [{ questionId: "score" }, "four"] } });

    const error = await rejection(repositories.submissions.findById(submission.id));

    expect(error.code).toBe("internal");
    expect(error.message).toContain(`corrupt document ${submission.id} in submissions`);
    expect(error.message).toContain("answers");
  });

  it("says nothing of the values in a corrupt document", async () => {
    const endpoint = anEndpoint(testId("org"), ["claim.completed.v1"]);
    await repositories.webhookEndpoints.insert(endpoint);
    await storedDocuments(db, "webhook_endpoints").updateOne(
      { _id: endpoint.id },
      { $set: { url: { copied: "private-note-7f3a" }, eventTypes: `${endpoint.secret}-as-types`, description: { secret: endpoint.secret } } },
    );
    const key = anApiKey();
    await repositories.apiKeys.insert(key);
    await storedDocuments(db, "api_keys").updateOne({ _id: key.id }, { $set: { scopes: [key.hash] } });

    const endpointError = await rejection(repositories.webhookEndpoints.findById(endpoint.id));
    const keyError = await rejection(repositories.apiKeys.findByHash(key.hash));

    expect(endpointError.code).toBe("internal");
    expect(everythingSaid(endpointError)).not.toContain(endpoint.secret);
    expect(everythingSaid(endpointError)).toContain("eventTypes");
    expect(everythingSaid(endpointError)).not.toContain("private-note-7f3a");
    expect(keyError.code).toBe("internal");
    expect(everythingSaid(keyError)).not.toContain(key.hash);
  });
});
