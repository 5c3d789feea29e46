import { expect } from "vitest";
import { apiClient, signUpUser } from "./api-client.js";

/** A survey opportunity with one task of typed questions and a points reward. */
export function surveyOpportunity(orgId: string, overrides: Record<string, unknown> = {}) {
  return {
    orgId,
    title: "Coffee habits (test data)",
    description: "Three quick questions.",
    tasks: [
      {
        id: "coffee_survey",
        type: "survey",
        title: "Coffee habits",
        questions: [
          { id: "cups", type: "number", prompt: "Cups per day?", min: 0, max: 20, integer: true },
          { id: "roast", type: "single_choice", prompt: "Favourite roast?", choices: [{ value: "light", label: "Light" }, { value: "dark", label: "Dark" }] },
          { id: "why", type: "text", prompt: "Why?", required: false },
        ],
      },
    ],
    reward: { type: "points", value: 50 },
    capacity: 10,
    ...overrides,
  };
}

export const validAnswers = { taskId: "coffee_survey", answers: { cups: 2, roast: "dark", why: "taste" } };

/** An organization whose owner is a fresh user, with a published survey opportunity. */
export async function publishedOpportunity(overrides: Record<string, unknown> = {}) {
  const owner = await signUpUser("owner");
  const asOwner = apiClient(owner.idToken);
  const org = await asOwner.post("/v1/organizations", { name: "Coffee Research Ltd" });
  expect(org.status).toBe(201);
  const draft = await asOwner.post("/v1/opportunities", surveyOpportunity(org.body.id, overrides));
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  const published = await asOwner.post(`/v1/opportunities/${draft.body.id}/publish`);
  expect(published.status).toBe(200);
  return { owner, asOwner, orgId: org.body.id as string, opportunity: published.body };
}
