import { UserXError, type UnmetCondition } from "@user-x/sdk";
import { Link } from "react-router";

/**
 * Why the participant may not claim, in the API's plain words; with a link to the profile when
 * filling it in could change the answer (the first missing demographic answer opens its row).
 */
export function EligibilityNotice({ unmet }: { unmet: readonly UnmetCondition[] }) {
  if (unmet.length === 0) return null;
  const missing = unmet.filter((condition) => condition.code === "profile_incomplete");
  const question = missing.map((condition) => condition.field).find((field) => field.startsWith("demographics."))?.slice("demographics.".length);
  return (
    <div className="alert" role="note" aria-labelledby="not-eligible-title" data-testid="eligibility">
      <p className="alert-title" id="not-eligible-title">
        You cannot claim this opportunity
      </p>
      <ul>
        {unmet.map((condition) => (
          <li key={`${condition.code}:${condition.field}`}>{condition.message}</li>
        ))}
      </ul>
      {missing.length > 0 && (
        <p>
          <Link to={question ? `/profile?question=${encodeURIComponent(question)}` : "/profile"}>Complete your profile</Link> to be checked again.
        </p>
      )}
    </div>
  );
}

/** The unmet conditions of a claim refused with not_eligible (the profile changed since the page loaded); undefined for any other error. */
export function unmetOf(error: unknown): UnmetCondition[] | undefined {
  if (!(error instanceof UserXError) || error.code !== "not_eligible") return undefined;
  const unmet = error.problem?.["unmet"];
  return Array.isArray(unmet) ? unmet.filter(isUnmetCondition) : undefined;
}

function isUnmetCondition(value: unknown): value is UnmetCondition {
  return typeof value === "object" && value !== null && "code" in value && "field" in value && "message" in value && typeof value.message === "string";
}
