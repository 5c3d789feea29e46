import { describe, expect, it } from "vitest";
import { ErasureOut } from "../../src/contracts/me.js";
import { apiClient, signUpUser } from "./support/api-client.js";
import { platformDatabase } from "./support/mongo.js";

// Erasure as a participant asks for it: DELETE /v1/me schedules it after the grace period, with its
// task, and the participant may cancel it meanwhile. What the task does is the integration tier's
// (integration/mongo/erasure.test.ts) and the unit tier's, since the grace period is days long.

const day = 24 * 60 * 60 * 1000;

describe("DELETE /v1/me", () => {
  it("schedules the erasure a grace period ahead, answers the same when asked again, and can be cancelled", async () => {
    const { idToken } = await signUpUser("erasure");
    const me = apiClient(idToken);
    expect((await me.patch("/v1/me", { displayName: "Soon Gone" })).status).toBe(200);

    const scheduled = await me.delete("/v1/me");
    expect(scheduled.status).toBe(202);
    const erasure = ErasureOut.parse(scheduled.body);
    expect(erasure.status).toBe("scheduled");
    expect(Date.parse(erasure.erasesAt ?? "") - Date.parse(erasure.requestedAt ?? "")).toBe(7 * day);
    expect((await me.delete("/v1/me")).body).toEqual(scheduled.body);

    const database = platformDatabase();
    const stored = await database.db.collection("users").findOne({ _id: erasure.userId as never }).finally(() => database.close());
    expect(stored?.["erasure"]).toEqual({ requestedAt: new Date(erasure.requestedAt ?? ""), erasesAt: new Date(erasure.erasesAt ?? "") });
    expect(JSON.stringify(stored)).not.toContain("Soon Gone");

    const cancelled = await me.post("/v1/me/erasure/cancel");
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toEqual({ userId: erasure.userId, status: "none", requestedAt: null, erasesAt: null });
    const again = await me.post("/v1/me/erasure/cancel");
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("invalid_state");
    expect((await me.get("/v1/me")).body.displayName).toBe("Soon Gone");
  });

  it("is refused without a signed-in user", async () => {
    expect((await apiClient().delete("/v1/me")).status).toBe(401);
  });
});
