import type { Claim } from "@user-x/sdk";
import { formatDateTime } from "../../lib/format";
import { formatTimeLeft } from "./time-left";
import { useNow } from "./use-now";

/** The claim's deadline, and while it runs, the time left, ticking every second. */
export function DeadlineCountdown({ claim }: { claim: Claim }) {
  const running = claim.status === "active";
  const now = useNow(running);
  const left = Date.parse(claim.deadline) - now.getTime();
  return (
    <span className="deadline">
      Complete by <time dateTime={claim.deadline}>{formatDateTime(claim.deadline)}</time>
      {running && (
        <>
          {" · "}
          {left > 0 ? (
            <span role="timer" data-testid="time-left">
              {formatTimeLeft(left)} left
            </span>
          ) : (
            <span data-testid="time-left">time is up</span>
          )}
        </>
      )}
    </span>
  );
}
