import type { z } from "zod";
import { claimOpportunity } from "../../../src/app/claims/claim-opportunity.js";
import { submitWork } from "../../../src/app/claims/submit-work.js";
import type { Reward } from "../../../src/contracts/opportunities.js";
import { activeOpportunity, participant, validAnswers } from "./fixtures.js";
import type { InMemoryDeps } from "./in-memory-ports.js";

/** Alice completes the only task of an opportunity with `reward`; returns the claim.completed.v1 it published. */
export async function completedClaim(deps: InMemoryDeps, reward: z.input<typeof Reward> = { type: "points", value: 50 }, orgId?: string) {
  const opportunity = await activeOpportunity(deps, { reward, ...(orgId ? { orgId } : {}) });
  const alice = participant(deps);
  const claim = await claimOpportunity(deps, alice, { opportunityId: opportunity.id });
  await submitWork(deps, alice, claim.id, { taskId: "taste", answers: validAnswers });
  const [completed] = deps.publisher.ofType("claim.completed.v1");
  if (!completed) throw new Error("the claim did not complete");
  return { alice, claimId: claim.id, completed };
}
