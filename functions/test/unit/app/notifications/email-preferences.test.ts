import { describe, expect, it } from "vitest";
import { getEmailPreferences, getUnsubscribeLink, unsubscribe, updateEmailPreferences } from "../../../../src/app/notifications/email-preferences.js";
import { signUnsubscribeToken } from "../../../../src/domain/notifications/unsubscribe-token.js";
import { storedApiKey } from "../../support/fixtures.js";
import { inMemoryDeps, testEmailLinkSecret } from "../../support/in-memory-ports.js";
import { participantWithProfile } from "../../support/participants.js";

describe("email preferences", () => {
  it("start with every category on; a patch changes only the categories it names, and a repeat writes nothing", async () => {
    const deps = inMemoryDeps();
    const ada = await participantWithProfile(deps, {});
    expect(await getEmailPreferences(deps, ada)).toEqual({ claims: true, reviews: true, rewards: true, payouts: true });
    expect(await updateEmailPreferences(deps, ada, { reviews: false, payouts: false })).toEqual({ claims: true, reviews: false, rewards: true, payouts: false });
    const saved = (await deps.users.findById(ada.userId))!;
    expect(saved.emailOptOuts).toEqual(["reviews", "payouts"]);
    expect(await updateEmailPreferences(deps, ada, { reviews: false })).toEqual({ claims: true, reviews: false, rewards: true, payouts: false });
    expect((await deps.users.findById(ada.userId))!.version).toBe(saved.version);
    expect(await updateEmailPreferences(deps, ada, { payouts: true })).toEqual({ claims: true, reviews: false, rewards: true, payouts: true });
  });

  it("are for signed-in people only", async () => {
    const deps = inMemoryDeps();
    const { principal: key } = await storedApiKey(deps, "org_AcmeResearch000001", ["opportunities:read"]);
    await expect(getEmailPreferences(deps, key)).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateEmailPreferences(deps, key, { claims: false })).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("one-click unsubscribe", () => {
  it("reads what the link stops without changing it, then stops that category alone; a repeat answers the same", async () => {
    const deps = inMemoryDeps();
    const ada = await participantWithProfile(deps, {});
    const token = signUnsubscribeToken(testEmailLinkSecret, { userId: ada.userId, category: "rewards" });
    expect(await getUnsubscribeLink(deps, token)).toEqual({ category: "rewards", subscribed: true });
    expect((await deps.users.findById(ada.userId))!.emailOptOuts).toEqual([]);
    expect(await unsubscribe(deps, token)).toEqual({ category: "rewards", subscribed: false });
    const after = (await deps.users.findById(ada.userId))!;
    expect(after.emailOptOuts).toEqual(["rewards"]);
    expect(await unsubscribe(deps, token)).toEqual({ category: "rewards", subscribed: false });
    expect((await deps.users.findById(ada.userId))!.version).toBe(after.version);
    expect(await getEmailPreferences(deps, ada)).toEqual({ claims: true, reviews: true, rewards: false, payouts: true });
  });

  it("refuses a tampered or forged token with 403, and changes nothing", async () => {
    const deps = inMemoryDeps();
    const ada = await participantWithProfile(deps, {});
    const token = signUnsubscribeToken(testEmailLinkSecret, { userId: ada.userId, category: "rewards" });
    const forged = [token.replace(".rewards.", ".claims."), token.slice(0, -1) + (token.endsWith("A") ? "B" : "A"), "usr_0000000000000000.rewards.x", signUnsubscribeToken("another-secret-of-thirty-two-characters!", { userId: ada.userId, category: "rewards" })];
    for (const bad of forged) {
      await expect(unsubscribe(deps, bad)).rejects.toMatchObject({ code: "forbidden", details: { reason: "invalid_unsubscribe_link" } });
      await expect(getUnsubscribeLink(deps, bad)).rejects.toMatchObject({ code: "forbidden" });
    }
    expect((await deps.users.findById(ada.userId))!.emailOptOuts).toEqual([]);
  });

  it("answers a link of a user who is gone as it answers a forged one", async () => {
    const deps = inMemoryDeps();
    const token = signUnsubscribeToken(testEmailLinkSecret, { userId: "usr_Gone000000000000000001", category: "claims" });
    await expect(unsubscribe(deps, token)).rejects.toMatchObject({ code: "forbidden" });
    await expect(getUnsubscribeLink(deps, token)).rejects.toMatchObject({ code: "forbidden" });
  });
});
