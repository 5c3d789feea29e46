// Email preferences: a participant turns a category of email off on their preferences page, and an
// email's unsubscribe link opens a confirmation page that works without signing in.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./support/fixtures.js";
import { signInThroughForm } from "./support/pages.js";

/**
 * An unsubscribe link as the platform's emails carry it: signed with the local platform's
 * EMAIL_LINK_SECRET (functions/.secret.local) in the format of functions/src/domain/notifications/unsubscribe-token.ts.
 */
function unsubscribeToken(userId: string, category: string): string {
  const secret = /^EMAIL_LINK_SECRET=(.+)$/m.exec(readFileSync(new URL("../../../functions/.secret.local", import.meta.url), "utf8"))?.[1] ?? "";
  const signature = createHmac("sha256", secret).update(`user-x/unsubscribe/v1\n${userId}\n${category}`).digest("base64url");
  return `${userId}.${category}.${signature}`;
}

async function preferencesOf(api: APIRequestContext, idToken: string) {
  const answer = await api.get("/v1/me/email-preferences", { headers: { authorization: `Bearer ${idToken}` } });
  expect(answer.status()).toBe(200);
  return answer.json();
}

test("a participant turns review emails off on their preferences page @phone", async ({ page, request, participant }) => {
  await signInThroughForm(page, participant);
  await page.goto("/preferences");
  await expect(page.getByRole("heading", { name: "Email preferences", level: 1 })).toBeVisible();
  const reviews = page.getByRole("checkbox", { name: /^Reviews/ });
  await expect(reviews).toBeChecked();
  await reviews.uncheck();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  await expect(reviews).not.toBeChecked();
  expect(await preferencesOf(request, participant.idToken)).toEqual({ claims: true, reviews: false, rewards: true, payouts: true });
  await page.reload();
  await expect(page.getByRole("checkbox", { name: /^Reviews/ })).not.toBeChecked();
  await expect(page.getByRole("checkbox", { name: /^Rewards/ })).toBeChecked();
});

test("an email's unsubscribe link stops its category without signing in, and a tampered one is refused", async ({ page, request, participant }) => {
  const me = await request.get("/v1/me", { headers: { authorization: `Bearer ${participant.idToken}` } });
  const userId = ((await me.json()) as { userId: string }).userId;
  const token = unsubscribeToken(userId, "rewards");

  // A new browser context: nobody is signed in.
  await page.goto(`/unsubscribe/${token}`);
  await expect(page.getByText("Stop emails about rewards")).toBeVisible();
  // Opening the link changed nothing.
  expect(await preferencesOf(request, participant.idToken)).toMatchObject({ rewards: true });
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByRole("status")).toHaveText("You no longer receive emails about rewards.");
  expect(await preferencesOf(request, participant.idToken)).toEqual({ claims: true, reviews: true, rewards: false, payouts: true });

  await page.goto(`/unsubscribe/${token.replace(".rewards.", ".claims.")}`);
  await expect(page.getByRole("alert")).toContainText("This unsubscribe link does not work");
  expect(await preferencesOf(request, participant.idToken)).toMatchObject({ claims: true });
});
