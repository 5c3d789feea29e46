import { useQuery } from "@tanstack/react-query";
import { CopyButton } from "../../components/copy-button";
import { ProblemAlert } from "../../components/problem-alert";
import { Loading } from "../../components/status";
import { api } from "../../lib/api";
import { queryKeys } from "../../lib/query-keys";

/** The caller's User-X user id: what a colleague needs to add them to an organization. */
export function YourUserId() {
  const account = useQuery({ queryKey: queryKeys.account, queryFn: ({ signal }) => api.account.get(undefined, { signal }), staleTime: Infinity });
  if (account.isPending) return <Loading label="Loading your user id…" />;
  if (account.isError) return <ProblemAlert error={account.error} title="Your user id could not be loaded" />;
  return (
    <p>
      Your user id: <code data-testid="own-user-id">{account.data.userId}</code> <CopyButton value={account.data.userId} label="Copy user id" />
      <br />
      <span className="muted">Give it to a colleague so they can add you to their organization.</span>
    </p>
  );
}
