import type { OpportunityStatus } from "../../contracts/opportunities.js";
import { AppError } from "../app-error.js";

/** Every move of an opportunity's life; publishing is one of them. */
export const opportunityTransitions = ["publish", "pause", "resume", "complete", "archive", "delete"] as const;
export type OpportunityTransition = (typeof opportunityTransitions)[number];

/**
 * The one table of which move is legal from which status, and where it leads:
 * `draft → active ⇄ paused → completed → archived`, and `draft → deleted`. Nothing else decides
 * whether a move is allowed; a move from a status not listed is refused and changes nothing.
 */
export const transitionTable: Readonly<Record<OpportunityTransition, { from: readonly OpportunityStatus[]; to: OpportunityStatus }>> = {
  publish: { from: ["draft"], to: "active" },
  pause: { from: ["active"], to: "paused" },
  resume: { from: ["paused"], to: "active" },
  complete: { from: ["active", "paused"], to: "completed" },
  archive: { from: ["completed"], to: "archived" },
  delete: { from: ["draft"], to: "deleted" },
};

export function canTransition(status: OpportunityStatus, transition: OpportunityTransition): boolean {
  return transitionTable[transition].from.includes(status);
}

/** The status `transition` leads to from `status`; AppError `invalid_state` naming both when the table has no such move. */
export function statusAfter(status: OpportunityStatus, transition: OpportunityTransition): OpportunityStatus {
  if (!canTransition(status, transition)) {
    throw new AppError("invalid_state", `an opportunity that is ${status} cannot ${transition}`, { currentStatus: status, transition });
  }
  return transitionTable[transition].to;
}
