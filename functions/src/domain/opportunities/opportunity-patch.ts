import { opportunityPatchFields, type OpportunityPatch, type OpportunityStatus } from "../../contracts/opportunities.js";
import { AppError } from "../app-error.js";
import { assertDraftValid, type Opportunity } from "./opportunity.js";

type PatchField = keyof OpportunityPatch;

/**
 * The fields a member may change in each status. A draft is still the organization's own, so all
 * of it; once participants may hold claims, only what cannot take anything from them: the
 * description, more time (`expiresAt` later), more places (`capacity` up), more claims per
 * participant and a shorter wait between them, a larger budget. Any other status takes no change.
 */
const liveFields: readonly PatchField[] = ["description", "expiresAt", "capacity", "maxClaimsPerUser", "claimCooldownMinutes", "budget"];
export const patchableFields: Readonly<Partial<Record<OpportunityStatus, readonly PatchField[]>>> = {
  draft: opportunityPatchFields,
  active: liveFields,
  paused: liveFields,
};

/**
 * The opportunity with `patch` applied. A field that may not change in the current status, or
 * not in that direction, is refused with `invalid_state` naming every such field, and nothing
 * changes; a draft must still pass every check a new draft passes.
 */
export function patched(opportunity: Opportunity, patch: OpportunityPatch, now: Date): Opportunity {
  const { status } = opportunity;
  const allowed = patchableFields[status] ?? [];
  const sent = (Object.keys(patch) as PatchField[]).filter((field) => patch[field] !== undefined);
  const notEditable = sent.filter((field) => !allowed.includes(field));
  if (notEditable.length > 0) {
    throw new AppError("invalid_state", `an opportunity that is ${status} cannot change ${notEditable.join(", ")}`, { currentStatus: status, fields: notEditable });
  }
  const expiresAt = patch.expiresAt === undefined ? opportunity.expiresAt : new Date(patch.expiresAt);
  const next: Opportunity = { ...opportunity, ...patch, expiresAt, updatedAt: now };
  if (status === "draft") {
    assertDraftValid(next, now);
    return next;
  }
  const narrowed = narrowedFields(opportunity, next);
  if (narrowed.length > 0) {
    throw new AppError("invalid_state", `while ${status}, expiresAt may only move later, capacity, maxClaimsPerUser and budget only grow, claimCooldownMinutes only shrink`, {
      currentStatus: status,
      fields: narrowed,
    });
  }
  if (patch.expiresAt !== undefined && expiresAt !== null && expiresAt <= now) {
    throw new AppError("validation_failed", "expiresAt must be in the future", { errors: [{ location: "body.expiresAt", message: "must be in the future" }] });
  }
  return next;
}

/** What a live change would take from participants: less time (no expiry counts as forever), fewer places than held, fewer claims each, a longer wait between them, less budget (none counts as unlimited). */
function narrowedFields(before: Opportunity, after: Opportunity): PatchField[] {
  const narrowed: PatchField[] = [];
  const earlier = after.expiresAt !== null && (before.expiresAt === null || after.expiresAt < before.expiresAt);
  if (earlier) narrowed.push("expiresAt");
  if (after.capacity < before.capacity || after.capacity < before.claimsCount) narrowed.push("capacity");
  if (after.maxClaimsPerUser < before.maxClaimsPerUser) narrowed.push("maxClaimsPerUser");
  if (after.claimCooldownMinutes > before.claimCooldownMinutes) narrowed.push("claimCooldownMinutes");
  if (after.budget !== null && (before.budget === null || after.budget < before.budget)) narrowed.push("budget");
  return narrowed;
}
