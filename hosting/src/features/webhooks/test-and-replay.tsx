import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { WebhookEndpoint } from "@user-x/sdk";
import { useState } from "react";
import { ProblemAlert } from "../../components/problem-alert";
import { api } from "../../lib/api";
import { eventTypes } from "../../lib/contract-values";
import { formatDateTime } from "../../lib/format";

/** An ISO timestamp without milliseconds from a `datetime-local` value read as UTC. */
const utcInstant = (local: string) => new Date(`${local}:00Z`).toISOString().replace(/\.\d{3}Z$/, "Z");

/**
 * Send the endpoint a signed example of an event type (it lands in the attempt log marked test),
 * and replay the events it missed since a time (while disabled, or left out by its event types).
 */
export function TestAndReplay({ endpoint }: { endpoint: WebhookEndpoint }) {
  const queryClient = useQueryClient();
  const ids = { orgId: endpoint.orgId, endpointId: endpoint.id };
  const [eventType, setEventType] = useState<(typeof eventTypes)[number]>((endpoint.eventTypes[0] as (typeof eventTypes)[number] | undefined) ?? eventTypes[0]);
  const [notice, setNotice] = useState("");
  const refreshLog = () => queryClient.invalidateQueries({ queryKey: ["organizations", endpoint.orgId, "webhook-endpoints", endpoint.id, "attempts"] });
  const sendTest = useMutation({
    mutationFn: () => api.organizations.sendTestWebhook({ ...ids, eventType }),
    onSuccess: async (sent) => {
      setNotice(`Test ${sent.eventType} queued as ${sent.messageId}.`);
      await refreshLog();
    },
  });
  const [since, setSince] = useState(() => new Date(Date.now() - 86_400_000).toISOString().slice(0, 16));
  const replay = useMutation({
    mutationFn: () => api.organizations.replayMissingWebhookMessages({ ...ids, since: utcInstant(since) }),
    onSuccess: (queued) => setNotice(`Replay of the events missed since ${formatDateTime(queued.since)} queued.`),
  });
  return (
    <section aria-labelledby="test-and-replay-title">
      <h2 id="test-and-replay-title">Test and replay</h2>
      <form
        className="recover"
        onSubmit={(event) => {
          event.preventDefault();
          sendTest.mutate();
        }}
      >
        <label>
          Test event type
          <select value={eventType} onChange={(event) => setEventType(event.target.value as (typeof eventTypes)[number])}>
            {eventTypes.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="secondary" disabled={sendTest.isPending || endpoint.status === "disabled"}>
          Send test event
        </button>
      </form>
      <form
        className="recover"
        onSubmit={(event) => {
          event.preventDefault();
          replay.mutate();
        }}
      >
        <label>
          Missed since (UTC)
          <input type="datetime-local" value={since} onChange={(event) => setSince(event.target.value)} required />
        </label>
        <button type="submit" className="secondary" disabled={replay.isPending}>
          Replay missed events
        </button>
      </form>
      <p className="muted">A replay sends each event this endpoint never received, and now takes, once; what it received or failed is left to Resend and Recover.</p>
      {notice && <p role="status">{notice}</p>}
      <ProblemAlert error={sendTest.error} title="The test event could not be sent" />
      <ProblemAlert error={replay.error} title="The replay could not be started" />
    </section>
  );
}
