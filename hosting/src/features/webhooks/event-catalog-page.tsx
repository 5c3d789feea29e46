import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { Page } from "../../components/page";
import { ProblemAlert } from "../../components/problem-alert";
import { Empty, Loading } from "../../components/status";
import { api } from "../../lib/api";

/** Every webhook event type: what it means, an example payload and its JSON Schema. */
export function EventCatalogPage() {
  const catalog = useQuery({ queryKey: ["webhook-event-types"], queryFn: ({ signal }) => api.organizations.listWebhookEventTypes({}, { signal }), staleTime: Infinity });
  return (
    <Page title="Webhook event types">
      <p>
        <Link to="/console/webhooks">← Webhook endpoints</Link>
      </p>
      <p className="muted">
        The payload of each type, as your endpoint receives it. The schemas come from the same contracts that produce the events (also at <code>GET /v1/webhook-event-types</code>).
      </p>
      {catalog.isPending ? (
        <Loading label="Loading the event types…" />
      ) : catalog.isError ? (
        <ProblemAlert error={catalog.error} title="The event types could not be loaded" />
      ) : catalog.data.data.length === 0 ? (
        <Empty>No event types.</Empty>
      ) : (
        <ul className="cards" aria-label="Event types">
          {catalog.data.data.map((entry) => (
            <li key={entry.type} className="card" data-testid="event-type">
              <h2>
                <code>{entry.type}</code>
              </h2>
              <p>{entry.description}</p>
              <details>
                <summary>Example payload</summary>
                <pre className="break">{JSON.stringify(entry.example, null, 2)}</pre>
              </details>
              <details>
                <summary>JSON Schema</summary>
                <pre className="break">{JSON.stringify(entry.schema, null, 2)}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
