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
              <th scope="col">Used from</th>
              <th scope="col">Status</th>
              <th scope="col">Last used</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {keys.data.data.map((key) => (
              <ApiKeyRow key={key.id} orgId={orgId} apiKey={key} onRotated={setCreated} />
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}

/** A key with what it may do, where from and until when; revoke it, or rotate it with a day's overlap. */
function ApiKeyRow({ orgId, apiKey, onRotated }: { orgId: string; apiKey: ApiKey; onRotated: (key: ApiKey) => void }) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys(orgId) });
  const revoke = useMutation({ mutationFn: () => api.organizations.revokeApiKey({ orgId, keyId: apiKey.id }), onSuccess: refresh });
  const rotate = useMutation({
    mutationFn: () => api.organizations.rotateApiKey({ orgId, keyId: apiKey.id, overlapSeconds: 86_400 }),
    onSuccess: async (rotated) => {
      onRotated(rotated);
      await refresh();
    },
  });
  const active = apiKey.status === "active";
  return (
    <tr data-testid={`api-key-${apiKey.id}`}>
      <td>{apiKey.name}</td>
      <td>{apiKey.scopes.join(", ")}</td>
      <td>{apiKey.allowedCidrs.length === 0 ? "anywhere" : apiKey.allowedCidrs.join(", ")}</td>
      <td>
        <span className={`badge ${active ? "active" : "failed"}`}>{apiKey.status}</span>
        {active && apiKey.expiresAt && <span className="muted"> until {formatDateTime(apiKey.expiresAt)}</span>}
        {apiKey.previousKeyValidUntil && <span className="muted"> · the replaced key works until {formatDateTime(apiKey.previousKeyValidUntil)}</span>}
      </td>
      <td>{apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt) : "never"}</td>
      <td>
        {active && (
          <>
            <button type="button" className="secondary" disabled={rotate.isPending} onClick={() => rotate.mutate()}>
              Rotate
            </button>{" "}
            <button type="button" className="danger" disabled={revoke.isPending} onClick={() => revoke.mutate()}>
              Revoke
            </button>
          </>
        )}
        <ProblemAlert error={rotate.error ?? revoke.error} title="The key could not be changed" />
      </td>
    </tr>
  );
}

/** Addresses typed one a line or separated by commas. */
const cidrsOf = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((cidr) => cidr.trim())
    .filter((cidr) => cidr.length > 0);

function CreateApiKeyForm({ orgId, onCreated }: { orgId: string; onCreated: (key: ApiKey) => void }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiScope[]>(["opportunities:read"]);
  const [expiresOn, setExpiresOn] = useState("");
  const [allowed, setAllowed] = useState("");
  const create = useMutation({
    mutationFn: () =>
      api.organizations.createApiKey({
        orgId,
        name: name.trim(),
        scopes,
        allowedCidrs: cidrsOf(allowed),
        // The end of the chosen day, in the browser's time zone.
        ...(expiresOn ? { expiresAt: new Date(`${expiresOn}T23:59:59`).toISOString() } : {}),
      }),
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
      <label>
        Expires on <span className="muted">(optional)</span>
        <input type="date" value={expiresOn} onChange={(e) => setExpiresOn(e.target.value)} aria-invalid={fieldProblem(create.error, "body.expiresAt") ? true : undefined} />
      </label>
      <label>
        Allowed addresses <span className="muted">(optional: addresses or networks in CIDR notation, one a line; anywhere when empty)</span>
        <textarea rows={2} value={allowed} onChange={(e) => setAllowed(e.target.value)} placeholder="203.0.113.0/24" aria-invalid={fieldProblem(create.error, "body.allowedCidrs") ? true : undefined} />
      </label>
      <ProblemAlert error={create.error} title="The API key could not be created" />
      <button type="submit" disabled={create.isPending || scopes.length === 0}>
        Create API key
      </button>
    </form>
  );
}
