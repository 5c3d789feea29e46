// The console's members page: add a colleague by their user id, change their role in place, be
// refused demoting yourself as the last owner, and remove them.
import { signUp } from "./support/auth-emulator.js";
import { expect, test } from "./support/fixtures.js";
import { signInThroughForm } from "./support/pages.js";

test("an owner manages members and cannot demote the last owner", async ({ page, participant, uniqueEmail, request }) => {
  const colleague = await signUp(uniqueEmail(), "colleague-password");
  const account = await request.get("/v1/account", { headers: { authorization: `Bearer ${colleague.idToken}` } });
  const colleagueId = ((await account.json()) as { userId: string }).userId;

  await signInThroughForm(page, participant, "/console");
  await page.getByLabel("Organization name").fill("Members Test Org");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByText("the console now works on it")).toBeVisible();

  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Members" }).click();
  const addForm = page.getByRole("form", { name: "Add a member" });
  await addForm.getByLabel("User id").fill(colleagueId);
  await addForm.getByRole("combobox").selectOption("developer");
  await page.getByRole("button", { name: "Add member" }).click();
  const colleagueRole = page.getByLabel(`Role of ${colleagueId}`);
  await expect(colleagueRole).toHaveValue("developer");

  await colleagueRole.selectOption("viewer");
  await expect(colleagueRole).toHaveValue("viewer");
  await page.reload();
  await expect(page.getByLabel(`Role of ${colleagueId}`)).toHaveValue("viewer");

  // The only owner stepping down would leave nobody to manage the organization.
  const ownId = (await page.getByTestId("own-user-id").textContent())!;
  const ownRole = page.getByLabel(`Role of ${ownId}`);
  await ownRole.selectOption("admin");
  await expect(page.getByRole("alert")).toContainText("the last owner cannot be demoted");
  await expect(page.getByTestId("request-id")).not.toBeEmpty();
  await expect(ownRole).toHaveValue("owner");

  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: `Remove ${colleagueId}` }).click();
  await expect(page.getByLabel(`Role of ${colleagueId}`)).toHaveCount(0);
  await expect(page.getByRole("row")).toHaveCount(2);
});
