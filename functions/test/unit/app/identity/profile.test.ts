import { describe, expect, it } from "vitest";
import { getMe, updateMe } from "../../../../src/app/identity/profile.js";
import { ProfileOut } from "../../../../src/contracts/me.js";
import { participant, storedApiKey } from "../../support/fixtures.js";
import { inMemoryDeps, startOfTest } from "../../support/in-memory-ports.js";
import { participantWithProfile } from "../../support/participants.js";

describe("getMe / updateMe", () => {
  it("starts empty, then shows what the participant said, and keeps it on the user", async () => {
    const deps = inMemoryDeps();
    const ada = await participantWithProfile(deps, {});
    expect(await getMe(deps, ada)).toEqual({ userId: ada.userId, displayName: null, country: null, birthDate: null, languages: [], demographics: {}, locale: null, updatedAt: startOfTest.toISOString() });

    deps.clock.advance(1_000);
    const changed = await updateMe(deps, ada, { displayName: "Ada", country: "FR", birthDate: "1990-05-17", languages: ["fr"], demographics: { employment: "student" } });
    expect(ProfileOut.safeParse(changed).success).toBe(true);
    expect(await getMe(deps, ada)).toEqual(changed);
    expect((await deps.users.findById(ada.userId))?.profile).toMatchObject({ country: "FR", birthDate: "1990-05-17", updatedAt: new Date(startOfTest.getTime() + 1_000) });
  });

  it("changes nothing when the birth date is refused", async () => {
    const deps = inMemoryDeps();
    const ada = await participantWithProfile(deps, { country: "FR" });
    const before = await deps.users.findById(ada.userId);
    await expect(updateMe(deps, ada, { birthDate: "2030-01-01", country: "BE" })).rejects.toMatchObject({ code: "validation_failed", details: { errors: [{ location: "body.birthDate" }] } });
    expect(await deps.users.findById(ada.userId)).toEqual(before);
  });

  it("is for signed-in people only: an API key is refused, a user never stored is not found", async () => {
    const deps = inMemoryDeps();
    const { principal: key } = await storedApiKey(deps, "org_AcmeResearch000001", ["opportunities:read"]);
    await expect(getMe(deps, key)).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateMe(deps, participant(deps), { country: "FR" })).rejects.toMatchObject({ code: "not_found" });
  });
});
