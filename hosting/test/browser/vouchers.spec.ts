// Voucher pools in a real browser: the console creates a pool, imports a CSV file of codes (with a
// duplicate reported), generates more, and lists them masked; a participant who completes an
// opportunity paying a voucher reveals their own code on their rewards page.
import { expect, eventually, test } from "./support/fixtures.js";
import { demoOpportunityWith, signInThroughForm } from "./support/pages.js";

test("the console fills a voucher pool, and a participant reveals the code they earned", async ({ page, owner, ownerApi, participant, playwright, baseURL }) => {
  const poolName = `Coffee ${Date.now()}`;
  await signInThroughForm(page, owner, "/console/vouchers");
  await page.getByLabel("Name").fill(poolName);
  await page.getByLabel(/How to redeem/).fill("Show the code at the till");
  await page.getByRole("button", { name: "Create pool" }).click();
  await expect(page.getByRole("heading", { name: poolName })).toBeVisible();
  const poolId = page.url().split("/").at(-1)!;

  const series = Date.now().toString(36).toUpperCase();
  await page.getByLabel(/A CSV file/).setInputFiles({ name: "codes.csv", mimeType: "text/csv", buffer: Buffer.from(`code\nONE-${series}\nTWO-${series}\nONE-${series}\n`) });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByTestId("import-result")).toContainText(`2 added, 1 already in the pool (ONE-${series})`);
  await expect(page.getByTestId("pool-stock")).toContainText("Left2");

  await page.getByLabel("How many").fill("3");
  await page.getByRole("button", { name: "Generate" }).click();
  await expect(page.getByTestId("generate-result")).toContainText("3 codes generated; 5 left in the pool.");
  const codes = page.getByRole("table", { name: "Codes" });
  await expect(codes.getByRole("row")).toHaveCount(6);
  await expect(codes).toContainText(`•••-${"•".repeat(series.length - 3)}${series.slice(-3)}`);
  await expect(codes).not.toContainText(`ONE-${series}`);

  // An opportunity paying a voucher of the pool, completed by the participant through the API.
  const opportunityId = await demoOpportunityWith(ownerApi, { title: `Voucher ${series}`, fields: { reward: { type: "voucher", value: 500, currency: "EUR", poolId } } });
  const participantApi = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${participant.idToken}` } });
  const claim = (await (await participantApi.post("/v1/claims", { data: { opportunityId } })).json()) as { id: string };
  expect((await participantApi.post(`/v1/claims/${claim.id}/submissions`, { data: { taskId: "aroma", answers: { aroma: 4 } } })).status()).toBe(201);
  await participantApi.dispose();

  const participantPage = await page.context().browser()!.newPage();
  await signInThroughForm(participantPage, participant);
  await participantPage.goto("/rewards");
  await participantPage.getByRole("button", { name: "Show code" }).click(eventually);
  const voucher = participantPage.getByTestId("voucher");
  await expect(voucher).toContainText(`ONE-${series}`);
  await expect(voucher).toContainText("Show the code at the till");
  await participantPage.close();

  await page.reload();
  await expect(page.getByTestId("pool-stock")).toContainText("Given1");
});
