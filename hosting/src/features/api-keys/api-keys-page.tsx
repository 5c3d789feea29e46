import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApiKey } from "@user-x/sdk";
import { useState, type FormEvent } from "react";
import { Page } from "../../components/page";
import { fieldProblem, ProblemAlert } from "../../components/problem-alert";
import { SecretOnce } from "../../components/secret-once";
import { Empty, Loading } from "../../components/status";
import { WithOrg } from "../../components/with-org";
import { api } from "../../lib/api";
import { apiScopes, type ApiScope } from "../../lib/contract-values";
import { formatDateTime } from "../../lib/format";
import { queryKeys } from "../../lib/query-keys";

export function ApiKeysPage() {
  return <WithOrg>{(org) => <ApiKeys orgId={org.id} />}</WithOrg>;
}

function ApiKeys({ orgId }: { orgId: string }) {
  const keys = useQuery({ queryKey: queryKeys.apiKeys(orgId), queryFn: ({ signal }) => api.organizations.listApiKeys({ orgId }, { signal }) });
  const [created, setCreated] = useState<ApiKey>();
  return (
    <Page title="API keys">
      <p className="muted">For your own servers: send a key as <code>Authorization: Bearer &lt;key&gt;</code>. It acts for this organization within its scopes.</p>
      {created?.key ? (
        <SecretOnce label="API key" value={created.key} onDone={() => setCreated(undefined)} />
      ) : (
        <CreateApiKeyForm orgId={orgId} onCreated={setCreated} />
      )}
      <h2>Keys</h2>
      {keys.isPending ? (
        <Loading label="Loading API keys…" />
      ) : keys.isError ? (
        <ProblemAlert error={keys.error} title="The API keys could not be loaded" />
      ) : keys.data.data.length === 0 ? (
        <Empty>No API keys yet.</Empty>
      ) : (
        <table>
          <caption className="visually-hidden">API keys</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Scopes</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {keys.data.data.map((key) => (
              <tr key={key.id}>
                <td>{key.name}</td>
                <td>{key.scopes.join(", ")}</td>
                <td>{formatDateTime(key.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}

function CreateApiKeyForm({ orgId, onCreated }: { orgId: string; onCreated: (key: ApiKey) => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiScope[]>(["opportunities:read"]);
  const create = useMutation({
    mutationFn: () => api.organizations.createApiKey({ orgId, name: name.trim(), scopes }),
    onSuccess: async (key) => {
      setName("");
      onCreated(key);
      await queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys(orgId) });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  const toggle = (scope: ApiScope) => setScopes((current) => (current.includes(scope) ? current.filter((s) => s !== scope) : [...current, scope]));
  const scopesProblem = fieldProblem(create.error, "body.scopes") ?? (scopes.length === 0 ? "Choose at least one scope." : undefined);
  return (
    <form className="form" onSubmit={onSubmit} aria-labelledby="create-key-title">
      <h2 id="create-key-title">Create an API key</h2>
      <label>
        Key name
        <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <fieldset aria-describedby={scopesProblem ? "scopes-problem" : undefined}>
        <legend>Scopes</legend>
        <div className="choices">
          {apiScopes.map((scope) => (
            <label key={scope} className="choice">
              <input type="checkbox" checked={scopes.includes(scope)} onChange={() => toggle(scope)} />
              <code>{scope}</code>
            </label>
          ))}
        </div>
        {scopesProblem && (
          <p id="scopes-problem" className="field-error">
            {scopesProblem}
          </p>
        )}
      </fieldset>
      <ProblemAlert error={create.error} title="The API key could not be created" />
      <button type="submit" disabled={create.isPending || scopes.length === 0}>
        Create API key
      </button>
    </form>
  );
}
