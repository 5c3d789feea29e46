import { useMutation, useQuery } from "@tanstack/react-query";
import type { WebhookEndpoint } from "@user-x/sdk";
import { useState } from "react";
import { ProblemAlert } from "../../components/problem-alert";
import { api } from "../../lib/api";
import { formatDateTime } from "../../lib/format";
import { SuccessRateChart } from "./success-rate-chart";

export type WebhookAttemptRow = Awaited<ReturnType<typeof api.organizations.listWebhookEndpointAttempts>>["data"][number];

type StatusClass = NonNullable<WebhookAttemptRow["statusClass"]>;
const statusClasses: readonly StatusClass[] = ["2xx", "3xx", "4xx", "5xx", "timeout", "network"];

/**
 * The endpoint's attempt log (newest first, filtered by outcome, status class and event type),
 * its success-rate chart, a resend per attempt's message and the recovery of failed messages.
 */
export function AttemptLog({ endpoint }: { endpoint: WebhookEndpoint }) {
  const ids = { orgId: endpoint.orgId, endpointId: endpoint.id };
  const [statusClass, setStatusClass] = useState<StatusClass | "">("");
  const [outcome, setOutcome] = useState<"succeeded" | "failed" | "">("");
  const [eventType, setEventType] = useState("");
  const filters = { ...(statusClass ? { statusClass } : {}), ...(outcome ? { status: outcome } : {}), ...(eventType ? { eventType } : {}) };
  const attempts = useQuery({
    queryKey: ["organizations", endpoint.orgId, "webhook-endpoints", endpoint.id, "attempts", filters],
    queryFn: ({ signal }) => api.organizations.listWebhookEndpointAttempts({ ...ids, limit: 100, ...filters }, { signal }),
  });
  // The chart reads every attempt, whatever the table's filters.
  const all = useQuery({
    queryKey: ["organizations", endpoint.orgId, "webhook-endpoints", endpoint.id, "attempts", {}],
    queryFn: ({ signal }) => api.organizations.listWebhookEndpointAttempts({ ...ids, limit: 100 }, { signal }),
  });
  const [notice, setNotice] = useState("");
  const resend = useMutation({
    mutationFn: (messageId: string) => api.organizations.resendWebhookMessage({ orgId: endpoint.orgId, messageId }),
    onSuccess: (queued) => setNotice(`Resend of ${queued.messageId} queued.`),
  });
  const [since, setSince] = useState(() => new Date(Date.now() - 86_400_000).toISOString().slice(0, 16));
  const recover = useMutation({
    mutationFn: () => api.organizations.recoverWebhookEndpoint({ ...ids, since: new Date(`${since}:00Z`).toISOString().replace(/\.\d{3}Z$/, "Z") }),
    onSuccess: (queued) => setNotice(`Recovery of failed messages since ${formatDateTime(queued.since)} queued.`),
  });
  return (
    <section aria-labelledby="attempt-log-title">
      <h2 id="attempt-log-title">Attempt log</h2>
      {all.data && <SuccessRateChart attempts={all.data.data} />}
      <form
        className="recover"
        onSubmit={(event) => {
          event.preventDefault();
          recover.mutate();
        }}
      >
        <label>
          Failed since (UTC)
          <input type="datetime-local" value={since} onChange={(event) => setSince(event.target.value)} required />
        </label>
        <button type="submit" className="secondary" disabled={recover.isPending}>
          Recover failed messages
        </button>
      </form>
      {notice && <p role="status">{notice}</p>}
      <ProblemAlert error={resend.error} title="The message could not be resent" />
      <ProblemAlert error={recover.error} title="The recovery could not be started" />
      <div className="filters">
        <label>
          Status class
          <select value={statusClass} onChange={(event) => setStatusClass(event.target.value as StatusClass | "")}>
            <option value="">any</option>
            {statusClasses.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          Outcome
          <select value={outcome} onChange={(event) => setOutcome(event.target.value as "succeeded" | "failed" | "")}>
            <option value="">any</option>
            <option value="succeeded">succeeded</option>
            <option value="failed">failed</option>
          </select>
        </label>
        <label>
          Event type
          <select value={eventType} onChange={(event) => setEventType(event.target.value)}>
            <option value="">any</option>
            {endpoint.eventTypes.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ProblemAlert error={attempts.error} title="The attempt log could not be read" />
      {attempts.data && attempts.data.data.length === 0 && <p className="muted">No attempts match.</p>}
      {attempts.data && attempts.data.data.length > 0 && (
        <table className="attempts">
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Event</th>
              <th scope="col">Answer</th>
              <th scope="col">Latency</th>
              <th scope="col">Trigger</th>
              <th scope="col">Response</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {attempts.data.data.map((attempt) => (
              <tr key={attempt.id} data-testid="attempt-row">
                <td>{formatDateTime(attempt.at)}</td>
                <td>{attempt.eventType}</td>
                <td>
                  <span className={`badge ${attempt.outcome}`}>{attempt.responseStatus ?? attempt.statusClass}</span> {attempt.error && <span className="muted">{attempt.error}</span>}
                </td>
                <td>{Math.round(attempt.latencyMs)} ms</td>
                <td>
                  {attempt.trigger}
                  {attempt.test && (
                    <>
                      {" "}
                      <span className="badge">test</span>
                    </>
                  )}
                </td>
                <td>{attempt.responseExcerpt ? <code className="break excerpt">{attempt.responseExcerpt}</code> : <span className="muted">none</span>}</td>
                <td>
                  <button type="button" className="secondary" disabled={resend.isPending} onClick={() => resend.mutate(attempt.messageId)}>
                    Resend
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
