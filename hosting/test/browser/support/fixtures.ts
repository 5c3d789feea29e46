// What every browser spec imports instead of @playwright/test: `test` with the fixtures below,
// `expect`, and `eventually`.
//
// Adding a spec: create hosting/test/browser/<flow>.spec.ts, import { test, expect } from
// "./support/fixtures.js", and ask for the fixtures it needs by name:
//
//   test("a participant sees their points @phone", async ({ page, participant }) => { … });
//
// - `participant`: a new account of its own for each test (unique email), so tests never share
//   claims or points and may run in any order against a platform other tiers already used.
// - `owner`: the seeded owner of "Demo Org", signed in; `ownerApi` calls the API as them, to
//   arrange data a spec is not about (an opportunity to claim, say).
// - `demoOpportunity`: `{ id, title }` of the seeded opportunity of "Demo Org".
// - `uniqueEmail()`: another unused address, e.g. for a spec that signs up through the form.
// Tag a test `@phone` to run it on the phone viewport too (playwright.config.ts). Anything that
// happens after an event is handled (a reward, a webhook) is asynchronous: wait for it with
// `await expect(locator).toHaveText(…, eventually)`, never with a sleep.
// Run them against `npm start` with `npm run test:browser` (add `-- --headed`, `-g <title>`, …);
// `npm test` runs them after the integration tier. On failure the screenshot and trace are in
// .local/playwright/results/ (`npx playwright show-trace <trace.zip>`).
import { randomUUID } from "node:crypto";
import { test as base, expect, type APIRequestContext } from "@playwright/test";
import { type Account, demoOwnerEmail, demoPassword, signIn, signUp } from "./auth-emulator.js";
import { demoOrgIdOf } from "./pages.js";

export { expect };
export type { Account };

/** Long enough for an event to go through Pub/Sub and its subscriber on a busy platform. */
export const eventually = { timeout: 30_000 };

interface Fixtures {
  uniqueEmail: () => string;
  participant: Account;
  owner: Account;
  ownerApi: APIRequestContext;
  demoOpportunity: { id: string; title: string };
  failOnPageErrors: void;
}

export const test = base.extend<Fixtures>({
  // The test's title in the address makes an account found in the emulator or the database
  // easy to trace back to the spec that made it.
  uniqueEmail: async ({}, use, testInfo) => {
    const slug = testInfo.title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 24);
    await use(() => `${slug || "test"}-${randomUUID().slice(0, 8)}@browser.test.user-x.dev`);
  },
  participant: async ({ uniqueEmail }, use) => {
    await use(await signUp(uniqueEmail(), "participant-password"));
  },
  owner: async ({}, use) => {
    await use(await signIn(demoOwnerEmail, demoPassword));
  },
  ownerApi: async ({ playwright, owner, baseURL }, use) => {
    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${owner.idToken}` } });
    await use(api);
    await api.dispose();
  },
  // The seeded demo opportunity. Other tiers publish many opportunities before the browser tier
  // runs, so it is found by its organization rather than on the first page of the list.
  demoOpportunity: async ({ ownerApi }, use) => {
    const listed = (await (await ownerApi.get(`/v1/opportunities?orgId=${await demoOrgIdOf(ownerApi)}&status=active&sort=createdAt&limit=1`)).json()) as { data: Array<{ id: string; title: string }> };
    expect(listed.data, "the seeded demo opportunity").toHaveLength(1);
    await use(listed.data[0]!);
  },
  // An uncaught exception in the page fails the test even when the page still looks right.
  failOnPageErrors: [
    async ({ page }, use) => {
      const errors: Error[] = [];
      page.on("pageerror", (error) => errors.push(error));
      await use();
      expect(errors.map((error) => error.message), "uncaught errors in the page").toEqual([]);
    },
    { auto: true },
  ],
});
