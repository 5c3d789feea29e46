import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { UserXError, type Opportunity } from "@user-x/sdk";
import { Link, useNavigate, useParams } from "react-router";
import { Page } from "../../components/page";
import { ProblemAlert } from "../../components/problem-alert";
import { Loading } from "../../components/status";
import { api } from "../../lib/api";
import { useAuth } from "../../lib/auth";
import { formatReward, placesLeft } from "../../lib/format";
import { queryKeys } from "../../lib/query-keys";
import { useHasPassed } from "../claims/use-now";
import { EligibilityNotice, unmetOf } from "./eligibility-notice";
import { nextClaim, repeatRule, type NextClaim } from "./next-claim";
import { TaskSummary } from "./task-summary";

export function OpportunityPage() {
  const { opportunityId = "" } = useParams();
  const opportunity = useQuery({
    queryKey: queryKeys.opportunity(opportunityId),
    queryFn: ({ signal }) => api.opportunities.get({ opportunityId }, { signal }),
  });

  if (opportunity.isPending) return <Loading label="Loading the opportunity…" />;
  if (opportunity.isError) {
    return (
      <Page title="Opportunity not available">
        <ProblemAlert error={opportunity.error} />
        <p>
          <Link to="/">Back to opportunities</Link>
        </p>
      </Page>
    );
  }
  return <OpportunityDetail opportunity={opportunity.data} />;
}

function OpportunityDetail({ opportunity }: { opportunity: Opportunity }) {
  const left = placesLeft(opportunity);
  const repeat = repeatRule(opportunity);
  return (
    <Page title={opportunity.title}>
      <p className="meta">
        <span className="badge reward">{formatReward(opportunity.reward)}</span>{" "}
        <span data-testid="places-left">
          {left} of {opportunity.capacity} places left
        </span>
      </p>
      {opportunity.description && <p className="description">{opportunity.description}</p>}
      {repeat && <p data-testid="repeat-rule">{repeat}</p>}
      <section aria-labelledby="tasks-title">
        <h2 id="tasks-title">Tasks</h2>
        <ol className="tasks">
          {opportunity.tasks.map((task) => (
            <li key={task.id}>
              <TaskSummary task={task} />
            </li>
          ))}
        </ol>
      </section>
      <ClaimAction opportunity={opportunity} />
      <OpenForClaims opportunity={opportunity} />
    </Page>
  );
}

/** Claim, claim again, or continue the claim the participant holds; or why they may not claim it again. */
function ClaimAction({ opportunity }: { opportunity: Opportunity }) {
  const auth = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signedIn = auth.status === "signed_in";
  // Newest first: the participant's latest claim of it decides what comes next.
  const mine = useQuery({
    queryKey: [...queryKeys.claims, "of", opportunity.id],
    queryFn: ({ signal }) => api.claims.list({ opportunityId: opportunity.id, limit: 1 }, { signal }),
    enabled: signedIn,
  });
  const claim = useMutation({
    mutationFn: () => api.claims.create({ opportunityId: opportunity.id }),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.claims });
      await queryClient.invalidateQueries({ queryKey: queryKeys.opportunities });
      void navigate(`/claims/${created.id}`);
    },
  });
  // A claim race answers with the claim the participant holds; otherwise their newest claim says.
  const raced = alreadyClaimedId(claim.error);
  const ahead: NextClaim = raced ? { kind: "continue", claimId: raced } : nextClaim(opportunity, mine.data?.data[0] ?? null, new Date());
  const waiting = ahead.kind === "cooldown";
  const cooldownOver = useHasPassed(waiting ? ahead.retryAt.toISOString() : epoch, waiting);

  if (auth.status === "loading") return null;
  if (!signedIn) {
    return (
      <p>
        <Link className="button" to={`/sign-in?next=${encodeURIComponent(`/opportunities/${opportunity.id}`)}`}>
          Sign in to claim
        </Link>
      </p>
    );
  }
  // While the participant's own claims are checked, the button stands disabled where it will be.
  if (mine.isPending) {
    return (
      <div className="actions">
        <button type="button" disabled>
          Claim
        </button>
        <Loading label="Checking your claims…" />
      </div>
    );
  }
  if (ahead.kind === "continue") {
    return (
      <p>
        You have claimed this opportunity.{" "}
        <Link className="button" to={`/claims/${ahead.claimId}`}>
          Continue
        </Link>
      </p>
    );
  }
  if (ahead.kind === "limit_reached") {
    const times = opportunity.maxClaimsPerUser === 1 ? "" : ` all ${opportunity.maxClaimsPerUser} times it allows`;
    return (
      <p data-testid="claim-limit-reached">
        You have claimed this opportunity{times}. <Link to={`/claims/${ahead.previous.id}`}>See your last claim</Link>
      </p>
    );
  }
  const previous = ahead.previous;
  const coolingDown = waiting && !cooldownOver;
  const full = placesLeft(opportunity) === 0;
  // The reasons read with the opportunity, or those of a claim refused since (the profile changed elsewhere).
  const unmet = unmetOf(claim.error) ?? opportunity.eligibility?.unmet ?? [];
  const eligible = unmet.length === 0;
  return (
    <div className="actions">
      {mine.isError && <ProblemAlert error={mine.error} title="Your claims could not be checked" />}
      <EligibilityNotice unmet={unmet} />
      {previous && (
        <p data-testid="previous-claim">
          {coolingDown && waiting ? `You can claim it again from ${ahead.retryAt.toLocaleString()}. ` : ""}
          <Link to={`/claims/${previous.id}`}>Your last claim</Link> ({previous.sequence} of {opportunity.maxClaimsPerUser}) is {previous.status}.
        </p>
      )}
      <button
        type="button"
        disabled={claim.isPending || full || opportunity.status !== "active" || !eligible || coolingDown}
        aria-describedby={eligible ? undefined : "not-eligible-title"}
        onClick={() => claim.mutate()}
      >
        {claim.isPending ? "Claiming…" : previous ? "Claim again" : "Claim"}
      </button>
      {!unmetOf(claim.error) && <ProblemAlert error={claim.error} title="The opportunity could not be claimed" />}
    </div>
  );
}

const epoch = new Date(0).toISOString();

/**
 * Why nobody can claim it now, if so: a fact of the opportunity, shown at once to everyone, never
 * held back behind the check of the participant's own claims.
 */
function OpenForClaims({ opportunity }: { opportunity: Opportunity }) {
  if (opportunity.status !== "active") return <p className="muted">{notOpenBecause[opportunity.status] ?? "It is not open for claims."}</p>;
  if (placesLeft(opportunity) > 0) return null;
  // Places left under the capacity, none left under the budget: the budget is what ran out.
  return <p className="muted">{opportunity.claimsCount < opportunity.capacity ? "Its budget pays for no more claims." : "Every place is taken."}</p>;
}

function alreadyClaimedId(error: unknown): string | undefined {
  if (!(error instanceof UserXError) || error.code !== "already_claimed") return undefined;
  const claimId = error.problem?.["claimId"];
  return typeof claimId === "string" ? claimId : undefined;
}

/** Why a participant cannot claim an opportunity that is not active. */
const notOpenBecause: Partial<Record<Opportunity["status"], string>> = {
  paused: "Paused by its organization: claims reopen when it resumes.",
  completed: "This opportunity has ended.",
  archived: "This opportunity has ended.",
};
