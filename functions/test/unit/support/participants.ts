import type { ProfilePatch } from "../../../src/contracts/me.js";
import { updateMe } from "../../../src/app/identity/profile.js";
import { newUser } from "../../../src/domain/identity/user.js";
import { participant } from "./fixtures.js";
import type { InMemoryDeps } from "./in-memory-ports.js";

/** A stored participant whose profile says `profile`. */
export async function participantWithProfile(deps: InMemoryDeps, profile: ProfilePatch) {
  const principal = participant(deps);
  await deps.users.insert(newUser(`firebase:${principal.userId}`, principal.userId, deps.clock.now()));
  await updateMe(deps, principal, profile);
  return principal;
}
