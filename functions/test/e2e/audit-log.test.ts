import { afterAll, describe, expect, it } from "vitest";
import { apiClient, signUpUser } from "./support/api-client.js";
import { platformDatabase } from "./support/mongo.js";

// The audit log on the real platform: privileged actions through the API land in the
// organization's chain with their actor, target and client address; an entry edited in the
// database is found by the verification.

const database = platformDatabase();
afterAll(() => database.close());

describe("audit log", () => {
  it("records privileged actions and detects an entry tampered with in the database", { timeout: 120_000 }, async () => {
    const owner = apiClient((await signUpUser("audited")).idToken);
    const org = await owner.post("/v1/organizations", { name: "Audited" });
    const orgId: string = org.body.id;
    const address = "192.0.2.44";
    const key = await owner.post(`/v1/organizations/${orgId}/api-keys`, { name: "ci", scopes: ["opportunities:read"] }, { "x-forwarded-for": address });
    expect(key.status).toBe(201);
    expect((await owner.delete(`/v1/organizations/${orgId}/api-keys/${key.body.id}`, { "x-forwarded-for": address })).status).toBe(200);

    const log = await owner.get(`/v1/organizations/${orgId}/audit-log`);
    expect(log.body.data).toMatchObject([
      { seq: 2, action: "api_key.revoked", target: { type: "api_key", id: key.body.id }, clientAddress: address },
      { seq: 1, action: "api_key.created", target: { type: "api_key", id: key.body.id }, summary: { name: "ci", scopes: ["opportunities:read"] }, clientAddress: address },
    ]);
    expect(JSON.stringify(log.body)).not.toContain(key.body.key);
    expect((await owner.get(`/v1/organizations/${orgId}/audit-log/verification`)).body).toMatchObject({ valid: true, checked: 2, broken: null });

    await database.db.collection("audit_log").updateOne({ orgId, seq: 1 }, { $set: { "summary.name": "something else" } });
    expect((await owner.get(`/v1/organizations/${orgId}/audit-log/verification`)).body).toMatchObject({ valid: false, broken: { seq: 1, reason: "edited" } });
  });
});
