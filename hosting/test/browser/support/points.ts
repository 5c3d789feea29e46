import type { APIRequestContext } from "@playwright/test";
import { eventually, expect, type Account } from "./fixtures.js";
import { demoOpportunityWith } from "./pages.js";

/** Completes a claim of a new 5-point opportunity as `participant` and waits for the reward; the participant's user id. */
export async function earnFivePoints(playwright: { request: { newContext: (options: object) => Promise<APIRequestContext> } }, baseURL: string | undefined, ownerApi: APIRequestContext, participant: Account): Promise<string> {
  const opportunityId = await demoOpportunityWith(ownerApi, { title: `Wallet ${Date.now()}` });
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${participant.idToken}` } });
  const claim = (await (await api.post("/v1/claims", { data: { opportunityId } })).json()) as { id: string };
  expect((await api.post(`/v1/claims/${claim.id}/submissions`, { data: { taskId: "aroma", answers: { aroma: 4 } } })).status()).toBe(201);
  let userId = "";
  await expect
    .poll(async () => {
      const rewards = (await (await api.get("/v1/rewards")).json()) as { data: Array<{ status: string; userId: string }> };
      userId = rewards.data.find((reward) => reward.status === "issued")?.userId ?? "";
      return userId;
    }, eventually)
    .toMatch(/^usr_/);
  await api.dispose();
  return userId;
}
