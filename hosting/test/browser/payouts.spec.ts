// Cash payouts in a real browser: the participant gives payout details through the form (checked
// in the page with the API's schema first), completes a cash-reward opportunity, and sees the
// payout paid by the sandbox provider; the organization sees it on its console payouts page.
import { expect, eventually, test } from "./support/fixtures.js";
import { demoOpportunityWith, signInThroughForm } from "./support/pages.js";

test("a participant gives payout details, is paid a cash reward, and the console lists the payout", async ({ page, participant, owner, ownerApi, playwright, baseURL }) => {
  const title = `Cash ${Date.now()}`;
  const opportunityId = await demoOpportunityWith(ownerApi, { title, fields: { reward: { type: "cash", value: 750, currency: "USD" } } });

  await signInThroughForm(page, participant, "/payouts");
  await expect(page.getByText("No cash payouts yet")).toBeVisible();
  const form = page.getByRole("form", { name: "Payout details" });
  await form.getByLabel("Name").fill("Pat Doe");
  await form.getByLabel("Payout email").fill("not an address");
  await form.getByRole("button", { name: "Save payout details" }).click();
  await expect(form.getByText("Enter an email address")).toBeVisible();
  await form.getByLabel("Payout email").fill(participant.email);
  await form.getByRole("button", { name: "Save payout details" }).click();
  await expect(form.getByRole("status")).toHaveText("Saved.");

  // The claim is what this spec is not about: made through the API as the participant.
  const asParticipant = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${participant.idToken}` } });
  const claim = await asParticipant.post("/v1/claims", { data: { opportunityId } });
  expect(claim.status()).toBe(201);
  const { id: claimId } = (await claim.json()) as { id: string };
  expect((await asParticipant.post(`/v1/claims/${claimId}/submissions`, { data: { taskId: "aroma", answers: { aroma: 4 } } })).status()).toBe(201);
  // The payout is created when the rewards subscriber handles claim.completed.v1; the page, which
  // showed none, polls only while one is on its way, so it is reloaded once the payout exists.
  await expect.poll(async () => ((await (await asParticipant.get("/v1/me/payouts")).json()) as { data: unknown[] }).data.length, eventually).toBe(1);
  await asParticipant.dispose();
  await page.reload();

  const payouts = page.getByRole("list", { name: "Payouts" });
  await expect(payouts.getByRole("listitem")).toHaveCount(1);
  await expect(payouts.getByRole("listitem").first()).toContainText("$7.50");
  await expect(payouts.getByRole("listitem").first()).toContainText("paid", eventually);
  await page.reload();
  await expect(page.getByRole("form", { name: "Payout details" }).getByLabel("Payout email")).toHaveValue(participant.email);

  const consolePage = await page.context().browser()!.newPage();
  await signInThroughForm(consolePage, owner, "/console/payouts");
  await consolePage.getByLabel("Status").selectOption("paid");
  const table = consolePage.getByRole("table", { name: "Payouts" });
  const row = table.getByRole("row").filter({ hasText: claimId });
  await expect(row).toContainText("$7.50");
  await expect(row).toContainText("paid");
  await consolePage.getByLabel("Status").selectOption("failed");
  await expect(table.getByRole("row").filter({ hasText: claimId })).toHaveCount(0);
  await consolePage.close();
});
