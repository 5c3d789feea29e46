import { expect } from "vitest";
import { apiClient, signUpUser } from "../../e2e/support/api-client.js";
import { publishedOpportunity, validAnswers } from "../../e2e/support/scenario.js";
import { withConcurrency } from "../../e2e/support/concurrency.js";
import { retryingClient, type RetriedRequest } from "./retrying-client.js";

export interface Participant {
  idToken: string;
  client: ReturnType<typeof retryingClient>;
  claim?: RetriedRequest;
  submission?: RetriedRequest;
}

/** An opportunity of `capacity` places and `count` fresh participants with retrying clients. */
export async function crowd(count: number, capacity: number) {
  const { opportunity, orgId, asOwner } = await publishedOpportunity({ capacity });
  const participants: Participant[] = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const { idToken } = await signUpUser(`chaos${i}`);
      return { idToken, client: retryingClient(idToken) };
    }),
  );
  return { opportunity, orgId, asOwner, participants };
}

/** Counts the participants' answers, so that a fault can be injected once some have come back and the rest are still in flight. */
export function answerCounter() {
  let answered = 0;
  const waiting: Array<{ count: number; resolve: () => void }> = [];
  return {
    answered: () => {
      answered += 1;
      for (const w of waiting.filter((candidate) => candidate.count <= answered)) w.resolve();
    },
    /** Resolves once `count` answers have come back. */
    reached: (count: number) => new Promise<void>((resolve) => (answered >= count ? resolve() : waiting.push({ count, resolve }))),
  };
}

/** Every participant claims a place, `inFlight` at a time. */
export async function claimAll(participants: Participant[], opportunityId: string, inFlight: number, counter?: ReturnType<typeof answerCounter>) {
  await withConcurrency(
    participants.map((p) => async () => {
      p.claim = await p.client.post("/v1/claims", { opportunityId });
      counter?.answered();
    }),
    inFlight,
  );
}

/** Every participant who got a claim submits the survey, `inFlight` at a time. */
export async function submitAll(participants: Participant[], inFlight: number, counter?: ReturnType<typeof answerCounter>) {
  await withConcurrency(
    participants
      .filter((p) => p.claim?.final.status === 201)
      .map((p) => async () => {
        p.submission = await p.client.post(`/v1/claims/${p.claim!.final.body.id}/submissions`, validAnswers);
        counter?.answered();
      }),
    inFlight,
  );
}

/** The counts a fault's figure reports, over every request the participants made. */
export function requestCounts(participants: Participant[]) {
  const requests = participants.flatMap((p) => [p.claim, p.submission].filter((r): r is RetriedRequest => r !== undefined));
  return {
    requests: requests.length,
    retries: requests.reduce((sum, r) => sum + r.attempts.length - 1, 0),
    unavailable503: requests.reduce((sum, r) => sum + r.unavailable, 0),
    without_retry_after: requests.reduce((sum, r) => sum + r.unavailableWithoutRetryAfter, 0),
  };
}

/**
 * Every participant got one answer consistent with what the platform holds, asked as that
 * participant: a 201 names the claim they hold, a refusal is `capacity_exhausted` and they hold
 * none; a submission answered 201 belongs to a completed claim. No 503 came without Retry-After.
 */
export async function expectConsistentAnswers(participants: Participant[], opportunityId: string) {
  for (const p of participants) {
    const listed = await apiClient(p.idToken).get(`/v1/claims?opportunityId=${opportunityId}`);
    expect(listed.status).toBe(200);
    const held: Array<{ id: string; status: string }> = listed.body.data;
    const claim = p.claim!;
    if (claim.final.status === 201) {
      expect(held.map((c) => c.id), JSON.stringify(claim.attempts)).toEqual([claim.final.body.id]);
    } else {
      expect({ status: claim.final.status, code: claim.final.body?.code, attempts: claim.attempts }).toMatchObject({ status: 409, code: "capacity_exhausted" });
      expect(held, `a participant refused after ${JSON.stringify(claim.attempts)} holds a claim`).toEqual([]);
    }
    if (p.submission) {
      expect({ status: p.submission.final.status, attempts: p.submission.attempts }).toMatchObject({ status: 201 });
      expect(held[0]?.status).toBe("completed");
    }
  }
  expect(requestCounts(participants).without_retry_after).toBe(0);
}
