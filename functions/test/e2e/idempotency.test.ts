import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { apiClient, signUpUser } from "./support/api-client.js";
import { platformDatabase } from "./support/mongo.js";
import { publishedOpportunity } from "./support/scenario.js";

const database = platformDatabase();
afterAll(() => database.close());

describe("Idempotency-Key on POST", () => {
  it("replays the stored response for the same key and body, and refuses another body", async () => {
    const owner = apiClient((await signUpUser("idem")).idToken);
    const key = randomUUID();
    const first = await owner.post("/v1/organizations", { name: "Once Inc" }, { "idempotency-key": key });
    const again = await owner.post("/v1/organizations", { name: "Once Inc" }, { "idempotency-key": key });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await database.db.collection("organizations").countDocuments({ name: "Once Inc", "members.userId": first.body.members[0].userId })).toBe(1);

    const other = await owner.post("/v1/organizations", { name: "Twice Inc" }, { "idempotency-key": key });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe("idempotency_key_reused");
  });

  it("replays a claim rather than running it again", async () => {
    const { opportunity } = await publishedOpportunity({ capacity: 1 });
    const participant = apiClient((await signUpUser("claimer")).idToken);
    const key = randomUUID();
    const first = await participant.post("/v1/claims", { opportunityId: opportunity.id }, { "idempotency-key": key });
    const retried = await participant.post("/v1/claims", { opportunityId: opportunity.id }, { "idempotency-key": key });
    expect(first.status).toBe(201);
    expect(retried).toMatchObject({ status: 201, body: first.body });
    expect(await database.db.collection("claims").countDocuments({ opportunityId: opportunity.id })).toBe(1);
  });

  it("replays a refused claim rather than running it again, even once running it would succeed", async () => {
    const { opportunity } = await publishedOpportunity({ capacity: 1 });
    const earlier = apiClient((await signUpUser("earlier")).idToken);
    expect((await earlier.post("/v1/claims", { opportunityId: opportunity.id })).status).toBe(201);
    const participant = apiClient((await signUpUser("claimer")).idToken);
    const key = randomUUID();
    const refused = await participant.post("/v1/claims", { opportunityId: opportunity.id }, { "idempotency-key": key });
    expect(refused).toMatchObject({ status: 409, body: { code: "capacity_exhausted" } });

    // A place opens up, so the refusal is no longer what running the request would answer.
    const opportunities = database.db.collection<{ _id: string }>("opportunities");
    expect((await opportunities.updateOne({ _id: opportunity.id }, { $inc: { capacity: 1 } })).modifiedCount).toBe(1);

    const retried = await participant.post("/v1/claims", { opportunityId: opportunity.id }, { "idempotency-key": key });
    expect(retried).toMatchObject({ status: 409, body: refused.body });
    expect(await database.db.collection("claims").countDocuments({ opportunityId: opportunity.id })).toBe(1);
    // Under a new key the same request runs, and takes the open place.
    expect((await participant.post("/v1/claims", { opportunityId: opportunity.id }, { "idempotency-key": randomUUID() })).status).toBe(201);
  });
});
