// Steps several specs take the same way: signing in through the form, and arranging an
// opportunity of Demo Org through the API (what a spec is not about).
import { expect, type APIRequestContext, type Page } from "@playwright/test";

/** Signs in through the form at `path` (a page that asks for sign-in) and waits for the header to show it. */
export async function signInThroughForm(page: Page, account: { email: string; password: string }, path = "/sign-in"): Promise<void> {
  await page.goto(path);
  await page.getByLabel("Email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-email")).toHaveText(account.email);
}

/** The id of the seeded "Demo Org", as its owner sees it. */
export async function demoOrgIdOf(ownerApi: APIRequestContext): Promise<string> {
  const organizations = (await (await ownerApi.get("/v1/organizations")).json()) as { data: Array<{ id: string; name: string }> };
  const demoOrg = organizations.data.find((org) => org.name === "Demo Org");
  expect(demoOrg, "the seeded Demo Org").toBeDefined();
  return demoOrg!.id;
}

const rating = (id: string) => ({ id, type: "rating", prompt: `How do you rate the ${id}?`, scale: 5 });

/** A draft of Demo Org with one rating survey per task id (published unless `draft`), and any other `fields` of OpportunityIn; its id. */
export async function demoOpportunityWith(
  ownerApi: APIRequestContext,
  options: { title: string; taskIds?: string[]; capacity?: number; draft?: boolean; expiresAt?: string; fields?: Record<string, unknown> },
): Promise<string> {
  const taskIds = options.taskIds ?? ["aroma"];
  const created = await ownerApi.post("/v1/opportunities", {
    data: {
      orgId: await demoOrgIdOf(ownerApi),
      title: options.title,
      tasks: taskIds.map((id) => ({ id, type: "survey", title: id[0]!.toUpperCase() + id.slice(1), questions: [rating(id)] })),
      reward: { type: "points", value: 5 },
      capacity: options.capacity ?? 5,
      ...(options.expiresAt && { expiresAt: options.expiresAt }),
      ...options.fields,
    },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  if (!options.draft) expect((await ownerApi.post(`/v1/opportunities/${id}/publish`)).status()).toBe(200);
  return id;
}
