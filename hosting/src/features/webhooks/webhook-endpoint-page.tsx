import { useQuery } from "@tanstack/react-query";
import type { WebhookEndpoint } from "@user-x/sdk";
import { Link, useParams } from "react-router";
import { Page } from "../../components/page";
import { ProblemAlert } from "../../components/problem-alert";
import { Loading } from "../../components/status";
import { WithOrg } from "../../components/with-org";
import { api } from "../../lib/api";
import { formatDateTime } from "../../lib/format";
import { queryKeys } from "../../lib/query-keys";
import { EditEndpointForm } from "./edit-endpoint-form";
import { AttemptLog } from "./attempt-log";
import { EndpointActions } from "./endpoint-actions";
import { SigningSettings } from "./signing-settings";
import { TestAndReplay } from "./test-and-replay";

export function WebhookEndpointPage() {
  return <WithOrg>{(org) => <EndpointDetail orgId={org.id} />}</WithOrg>;
}

function EndpointDetail({ orgId }: { orgId: string }) {
  const { endpointId = "" } = useParams();
  const endpoint = useQuery({
    queryKey: queryKeys.webhookEndpoint(orgId, endpointId),
    queryFn: ({ signal }) => api.organizations.getWebhookEndpoint({ orgId, endpointId }, { signal }),
  });
  if (endpoint.isPending) return <Loading label="Loading the webhook endpoint…" />;
  if (endpoint.isError) {
    return (
      <Page title="Webhook endpoint not available">
        <ProblemAlert error={endpoint.error} />
        <p>
          <Link to="/console/webhooks">Back to webhook endpoints</Link>
        </p>
      </Page>
    );
  }
  return <EndpointAdmin endpoint={endpoint.data} />;
}

function EndpointAdmin({ endpoint }: { endpoint: WebhookEndpoint }) {
  return (
    <Page title="Webhook endpoint">
      <p>
        <Link to="/console/webhooks">← All webhook endpoints</Link>
      </p>
      <p className="meta">
        <code className="break">{endpoint.url}</code>{" "}
        <span className={`badge ${endpoint.status}`} data-testid="endpoint-status">
          {endpoint.status}
        </span>
      </p>
      {endpoint.status === "disabled" && <p className="muted">Disabled: User-X sends it nothing until it is enabled; replay the events it missed from "Test and replay" once it is.</p>}
      <dl className="facts">
        <dt>Description</dt>
        <dd>{endpoint.description || <span className="muted">none</span>}</dd>
        <dt>Event types</dt>
        <dd>{endpoint.eventTypes.join(", ")}</dd>
        <dt>Rate limit</dt>
        <dd>{endpoint.rateLimitPerSecond === null ? <span className="muted">none of its own</span> : `${endpoint.rateLimitPerSecond} messages a second`}</dd>
        <dt>Custom headers</dt>
        <dd>{Object.keys(endpoint.headers).length === 0 ? <span className="muted">none</span> : Object.keys(endpoint.headers).join(", ")}</dd>
        <dt>Metadata</dt>
        <dd>
          {Object.keys(endpoint.metadata).length === 0 ? (
            <span className="muted">none</span>
          ) : (
            Object.entries(endpoint.metadata)
              .map(([key, value]) => `${key}=${value}`)
              .join(", ")
          )}
        </dd>
        <dt>Added</dt>
        <dd>{formatDateTime(endpoint.createdAt)}</dd>
      </dl>
      <EndpointActions endpoint={endpoint} />
      <SigningSettings endpoint={endpoint} />
      <EditEndpointForm endpoint={endpoint} />
      <TestAndReplay endpoint={endpoint} />
      <AttemptLog endpoint={endpoint} />
    </Page>
  );
}
