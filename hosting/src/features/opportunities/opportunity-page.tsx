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
import { EligibilityNotice, unmetOf } from "./eligibility-notice";
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
  return (
    <Page title={opportunity.title}>
      <p className="meta">
        <span className="badge reward">{formatReward(opportunity.reward)}</span>{" "}
        <span data-testid="places-left">
          {left} of {opportunity.capacity} places left
        </span>
      </p>
      {opportunity.description && <p className="description">{opportunity.description}</p>}
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
    </Page>
  );
}

/** Claim, or continue the claim the participant already holds. */
function ClaimAction({ opportunity }: { opportunity: Opportunity }) {
  const auth = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signedIn = auth.status === "signed_in";
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
  if (mine.isPending) return <Loading label="Checking your claims…" />;
  // The one claim a participant may hold, whether the list found it or a claim race answered with it.
  const existing = mine.data?.data[0]?.id ?? alreadyClaimedId(claim.error);
  if (existing) {
    return (
      <p>
        You have claimed this opportunity.{" "}
        <Link className="button" to={`/claims/${existing}`}>
          Continue
        </Link>
      </p>
    );
  }
  const full = placesLeft(opportunity) === 0;
  // The reasons read with the opportunity, or those of a claim refused since (the profile changed elsewhere).
  const unmet = unmetOf(claim.error) ?? opportunity.eligibility?.unmet ?? [];
  const eligible = unmet.length === 0;
  return (
    <div className="actions">
      {mine.isError && <ProblemAlert error={mine.error} title="Your claims could not be checked" />}
      <EligibilityNotice unmet={unmet} />
      <button
        type="button"
        disabled={claim.isPending || full || opportunity.status !== "active" || !eligible}
        aria-describedby={eligible ? undefined : "not-eligible-title"}
        onClick={() => claim.mutate()}
      >
        {claim.isPending ? "Claiming…" : "Claim"}
      </button>
      {opportunity.status !== "active" ? (
        <p className="muted">{notOpenBecause[opportunity.status] ?? "It is not open for claims."}</p>
      ) : (
        full && <p className="muted">Every place is taken.</p>
      )}
      {!unmetOf(claim.error) && <ProblemAlert error={claim.error} title="The opportunity could not be claimed" />}
    </div>
  );
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
