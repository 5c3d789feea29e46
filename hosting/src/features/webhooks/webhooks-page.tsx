import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { WebhookEndpoint } from "@user-x/sdk";
import { useState, type FormEvent } from "react";
import { Page } from "../../components/page";
import { fieldProblem, ProblemAlert } from "../../components/problem-alert";
import { SecretOnce } from "../../components/secret-once";
import { Empty, Loading } from "../../components/status";
import { WithOrg } from "../../components/with-org";
import { api } from "../../lib/api";
import { formatDateTime } from "../../lib/format";
import { queryKeys } from "../../lib/query-keys";
import { EndpointAddressFields } from "./endpoint-address-fields";
import { EventTypeChoices } from "./event-type-choices";
import { RetentionSetting } from "./retention-setting";
import { Link } from "react-router";

export function WebhooksPage() {
  return <WithOrg>{(org) => <Webhooks orgId={org.id} />}</WithOrg>;
}

function Webhooks({ orgId }: { orgId: string }) {
  const endpoints = useQuery({ queryKey: queryKeys.webhookEndpoints(orgId), queryFn: ({ signal }) => api.organizations.listWebhookEndpoints({ orgId }, { signal }) });
  const [created, setCreated] = useState<WebhookEndpoint>();
  return (
    <Page title="Webhook endpoints">
      <p className="muted">
        User-X signs every message (<a href="https://www.standardwebhooks.com/">Standard Webhooks</a>) with the endpoint's secret; verify it with any Standard Webhooks library or <code>verifyWebhook</code> of <code>@user-x/sdk/webhooks</code>.
      </p>
      <p>
        <Link to="/console/webhooks/event-types">Event types and example payloads</Link>
      </p>
      {created?.secret ? (
        <SecretOnce label="Signing secret" value={created.secret} onDone={() => setCreated(undefined)} />
      ) : (
        <AddEndpointForm orgId={orgId} onCreated={setCreated} />
      )}
      <h2>Endpoints</h2>
      {endpoints.isPending ? (
        <Loading label="Loading webhook endpoints…" />
      ) : endpoints.isError ? (
        <ProblemAlert error={endpoints.error} title="The webhook endpoints could not be loaded" />
      ) : endpoints.data.data.length === 0 ? (
        <Empty>No webhook endpoints yet.</Empty>
      ) : (
        <ul className="cards" aria-label="Webhook endpoints">
          {endpoints.data.data.map((endpoint) => (
            <li key={endpoint.id} className="card">
              <p>
                <Link to={`/console/webhooks/${endpoint.id}`}>
                  <code className="break">{endpoint.url}</code>
                </Link>{" "}
                <span className={`badge ${endpoint.status}`}>{endpoint.status}</span>
              </p>
              {endpoint.description && <p>{endpoint.description}</p>}
              <p className="muted">
                {endpoint.eventTypes.join(", ")} · added {formatDateTime(endpoint.createdAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
      <RetentionSetting orgId={orgId} />
    </Page>
  );
}

function AddEndpointForm({ orgId, onCreated }: { orgId: string; onCreated: (endpoint: WebhookEndpoint) => void }) {
  const queryClient = useQueryClient();
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [selected, setSelected] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: () => api.organizations.createWebhookEndpoint({ orgId, url: url.trim(), eventTypes: selected, description: description.trim() }),
    onSuccess: async (endpoint) => {
      setUrl("");
      setDescription("");
      setSelected([]);
      onCreated(endpoint);
      await queryClient.invalidateQueries({ queryKey: queryKeys.webhookEndpoints(orgId) });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const urlProblem = fieldProblem(create.error, "body.url");
  return (
    <form className="form" onSubmit={onSubmit} aria-labelledby="add-endpoint-title">
      <h2 id="add-endpoint-title">Add an endpoint</h2>
      <EndpointAddressFields url={url} onUrlChange={setUrl} urlProblem={urlProblem} description={description} onDescriptionChange={setDescription} />
      <EventTypeChoices selected={selected} onChange={setSelected} />
      <ProblemAlert error={create.error} title="The endpoint could not be added" />
      <button type="submit" disabled={create.isPending || selected.length === 0}>
        Add endpoint
      </button>
    </form>
  );
}
