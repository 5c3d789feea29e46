// Invitations by email: an owner invites an address from the members page and revokes another;
// the invited person, signed in with that address, sees the invitation only once the address is
// verified, and joins from their console.
import { markEmailVerified, signUp } from "./support/auth-emulator.js";
import { expect, test } from "./support/fixtures.js";
import { signInThroughForm } from "./support/pages.js";

test("an owner invites by email and the invited person joins once their address is verified", async ({ page, browser, participant, uniqueEmail }) => {
  const inviteeEmail = uniqueEmail();
  const revokedEmail = uniqueEmail();

  await signInThroughForm(page, participant, "/console");
  await page.getByLabel("Organization name").fill("Invitations Test Org");
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page.getByText("the console now works on it")).toBeVisible();
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Members" }).click();

  const inviteForm = page.getByRole("form", { name: "Invite by email" });
  await expect(inviteForm).toContainText("share the sign-in link with them");
  const pending = page.getByRole("table", { name: "Pending invitations" });
  for (const [email, role] of [[inviteeEmail, "reviewer"], [revokedEmail, "viewer"]] as const) {
    await inviteForm.getByLabel("Email").fill(email);
    await inviteForm.getByLabel("Role").selectOption(role);
    await inviteForm.getByRole("button", { name: "Invite" }).click();
    await expect(pending.getByRole("row", { name: new RegExp(email) })).toContainText(role);
  }
  await page.getByRole("button", { name: `Revoke the invitation of ${revokedEmail}` }).click();
  await expect(pending.getByRole("row", { name: new RegExp(revokedEmail) })).toHaveCount(0);

  // Inviting the same address twice names the invitation that waits already.
  await inviteForm.getByLabel("Email").fill(inviteeEmail);
  await inviteForm.getByRole("button", { name: "Invite" }).click();
  await expect(inviteForm.getByRole("alert")).toContainText("is invited already");

  // The invited person signs up with the address; email/password sign-up does not verify it.
  const invitee = await signUp(inviteeEmail, "invitee-password");
  const context = await browser.newContext();
  const inviteePage = await context.newPage();
  await signInThroughForm(inviteePage, invitee, "/console");
  await expect(inviteePage.getByText(`Invitations sent to ${inviteeEmail} appear here once the address is verified`)).toBeVisible();
  await expect(inviteePage.getByRole("button", { name: /^Join/ })).toHaveCount(0);

  await markEmailVerified(invitee.localId);
  await inviteePage.getByRole("button", { name: "I have verified it" }).click();
  await expect(inviteePage.getByText("You are invited to Invitations Test Org as reviewer")).toBeVisible();
  await inviteePage.getByRole("button", { name: "Join Invitations Test Org" }).click();
  await expect(inviteePage.getByRole("heading", { name: "Invitations Test Org", level: 2 })).toBeVisible();
  await expect(inviteePage.getByText("You are invited to")).toHaveCount(0);
  await context.close();

  await page.reload();
  await expect(page.getByText("No invitation is waiting.")).toBeVisible();
  await expect(page.getByRole("combobox", { name: /^Role of usr_/ })).toHaveCount(2);
  await expect(page.getByRole("combobox", { name: /^Role of usr_/ }).last()).toHaveValue("reviewer");
});
