import { describe, expect, it } from "vitest";
import { apiClient, signUpUser } from "./support/api-client.js";

// A deprecated alias through Hosting answers as its successor does, and every answer, a refusal
// included, carries Deprecation, Sunset and a Link to the successor.

describe("a deprecated route", () => {
  it("answers as its successor, saying it is deprecated, when it ends and what replaces it", async () => {
    const participant = apiClient((await signUpUser("deprecated-alias")).idToken);

    const alias = await participant.get("/v1/rewards/balance");
    const successor = await participant.get("/v1/rewards/points");

    expect(alias.status).toBe(200);
    expect(alias.body).toEqual(successor.body);
    expect(alias.headers.get("deprecation")).toBe("@1795910400");
    expect(alias.headers.get("sunset")).toBe("Mon, 31 May 2027 00:00:00 GMT");
    expect(alias.headers.get("link")).toBe('</v1/rewards/points>; rel="successor-version"');
    expect(successor.headers.get("deprecation")).toBeNull();
  });

  it("says so on a refusal too", async () => {
    const refused = await apiClient().get("/v1/rewards/balance");
    expect(refused.status).toBe(401);
    expect(refused.headers.get("sunset")).toBe("Mon, 31 May 2027 00:00:00 GMT");
  });
});
