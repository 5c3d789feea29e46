// The redemption catalogue in a real browser: an owner offers a voucher pool's codes for points in
// the console; a participant who earned points redeems the offer from their wallet, sees the code
// at once and the balance fall, and finds it again among the codes they bought; a withdrawn offer
// leaves the catalogue. Points are earned the way the product earns them (a claim completed
// through the API: what this spec is not about).
import { eventually, expect, test } from "./support/fixtures.js";
import { demoOrgIdOf, signInThroughForm } from "./support/pages.js";
import { earnFivePoints } from "./support/points.js";

test("an owner offers codes for points, and a participant redeems them from their wallet @phone", async ({ page, playwright, baseURL, ownerApi, owner, participant }) => {
  const orgId = await demoOrgIdOf(ownerApi);
  const series = Date.now().toString(36).toUpperCase();
  const poolName = `Pastries ${series}`;
  const pool = (await (await ownerApi.post(`/v1/organizations/${orgId}/voucher-pools`, { data: { name: poolName, redemptionInstructions: "Show it at the counter" } })).json()) as { id: string };
  expect((await ownerApi.post(`/v1/organizations/${orgId}/voucher-pools/${pool.id}/codes`, { data: { codes: [{ code: `CROISSANT-${series}` }] } })).status()).toBe(200);
  await earnFivePoints(playwright, baseURL, ownerApi, participant);

  await signInThroughForm(page, { email: owner.email, password: owner.password });
  await page.goto("/console/redemptions");
  await page.getByLabel("Organization").selectOption({ label: "Demo Org" });
  await page.getByLabel("Voucher pool").selectOption({ label: `${poolName} (1 codes left)` });
  const offerName = `A croissant ${series}`;
  await page.getByLabel("Name").fill(offerName);
  await page.getByLabel("Points for one code").fill("3");
  await page.getByRole("button", { name: "Create offer" }).click();
  const row = page.getByRole("table", { name: "Redemption offers" }).getByRole("row", { name: new RegExp(offerName) });
  await expect(row).toContainText("offered");
  await expect(row).toContainText("1");

  const participantPage = await page.context().browser()!.newPage();
  await signInThroughForm(participantPage, participant);
  await participantPage.goto("/wallet");
  await expect(participantPage.getByTestId("points-balance")).toHaveText("5");
  const offer = participantPage.getByRole("listitem").filter({ hasText: offerName });
  await offer.getByRole("button", { name: "Redeem" }).click();
  await expect(offer.getByTestId("voucher")).toContainText(`CROISSANT-${series}`);
  await expect(offer.getByTestId("voucher")).toContainText("Show it at the counter");
  await expect(participantPage.getByTestId("points-balance")).toHaveText("2");
  const history = participantPage.getByRole("table", { name: "Points history" }).getByRole("row");
  await expect(history.nth(1)).toContainText(`Redeemed · ${offerName}`);
  await expect(history.nth(1)).toContainText("\u22123");

  const bought = participantPage.getByRole("list", { name: "Redemptions" }).getByRole("listitem").filter({ hasText: offerName });
  await bought.getByRole("button", { name: "Show code" }).click(eventually);
  await expect(bought.getByTestId("voucher")).toContainText(`CROISSANT-${series}`);

  // The owner withdraws the offer: it leaves the participant's catalogue.
  await page.reload();
  await row.getByRole("button", { name: "Withdraw" }).click();
  await expect(row).toContainText("withdrawn");
  await participantPage.reload();
  await expect(participantPage.getByRole("heading", { name: "Spend your points" })).toBeVisible();
  await expect(participantPage.getByRole("list", { name: "Offers" }).getByText(offerName)).toHaveCount(0);
  await participantPage.close();
});
