import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Page } from "../../components/page";
import { ProblemAlert } from "../../components/problem-alert";
import { Empty, Loading } from "../../components/status";
import { WithOrg } from "../../components/with-org";
import { api } from "../../lib/api";
import { formatDateTime } from "../../lib/format";
import { queryKeys } from "../../lib/query-keys";

/** The organization's audit log (/console/audit), newest first, and a check that nobody altered it. */
export function AuditLogPage() {
  return <WithOrg>{(org) => <AuditLog orgId={org.id} />}</WithOrg>;
}

function AuditLog({ orgId }: { orgId: string }) {
  const [action, setAction] = useState("");
  const log = useInfiniteQuery({
    queryKey: [...queryKeys.auditLog(orgId), action],
    queryFn: ({ pageParam, signal }) => api.audit.listLog({ orgId, limit: 50, ...(action ? { action } : {}), ...(pageParam ? { cursor: pageParam } : {}) }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const verify = useMutation({ mutationFn: () => api.audit.verifyLog({ orgId }) });
  const entries = log.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <Page title="Audit log">
      <p className="muted">Every privileged action in this organization: who, what, on what, from which address. Entries are chained by hash, so an edited or removed entry is found.</p>
      <p>
        <button type="button" className="secondary" disabled={verify.isPending} onClick={() => verify.mutate()}>
          Verify the log
        </button>{" "}
        {verify.data && (
          <span data-testid="audit-verification" className={`badge ${verify.data.valid ? "active" : "failed"}`}>
            {verify.data.valid
              ? `intact: ${verify.data.checked} entries check out`
              : `broken at entry ${verify.data.broken?.seq}: ${verify.data.broken?.reason}`}
          </span>
        )}
      </p>
      <ProblemAlert error={verify.error} title="The log could not be verified" />
      <label>
        Action <span className="muted">(such as api_key.revoked)</span>
        <input value={action} onChange={(e) => setAction(e.target.value.trim())} pattern="[a-z_]+\.[a-z_]+" />
      </label>
      {log.isPending ? (
        <Loading label="Loading the audit log…" />
      ) : log.isError ? (
        <ProblemAlert error={log.error} title="The audit log could not be loaded" />
      ) : entries.length === 0 ? (
        <Empty>Nothing recorded yet.</Empty>
      ) : (
        <>
          <table aria-label="Audit log">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">On</th>
                <th scope="col">From</th>
                <th scope="col">Change</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.seq}>
                  <td>{entry.seq}</td>
                  <td>{formatDateTime(entry.at)}</td>
                  <td>
                    {entry.actor.kind === "api_key" ? "key " : ""}
                    <code>{entry.actor.id}</code>
                  </td>
                  <td>
                    <code>{entry.action}</code>
                  </td>
                  <td>{entry.target ? <code>{entry.target.id}</code> : "—"}</td>
                  <td>{entry.clientAddress}</td>
                  <td>
                    <code className="break">{JSON.stringify(entry.summary)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {log.hasNextPage && (
            <button type="button" className="secondary" disabled={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
              Load more
            </button>
          )}
        </>
      )}
    </Page>
  );
}
