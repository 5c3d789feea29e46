import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { WebhookEndpoint } from "@user-x/sdk";
import { useState, type FormEvent } from "react";
import { fieldProblem, ProblemAlert } from "../../components/problem-alert";
import { api } from "../../lib/api";
import { queryKeys } from "../../lib/query-keys";
import { EndpointAddressFields } from "./endpoint-address-fields";
import { EventTypeChoices } from "./event-type-choices";
import { formatLines, parseLines } from "./header-lines";

/** Every setting of the endpoint in one form; only what changed is sent. */
export function EditEndpointForm({ endpoint }: { endpoint: WebhookEndpoint }) {
  const queryClient = useQueryClient();
  const [url, setUrl] = useState(endpoint.url);
  const [description, setDescription] = useState(endpoint.description);
  const [eventTypes, setEventTypes] = useState<string[]>(endpoint.eventTypes);
  const [headers, setHeaders] = useState(formatLines(endpoint.headers, ":"));
  const [metadata, setMetadata] = useState(formatLines(endpoint.metadata, "="));
  const [rateLimit, setRateLimit] = useState(endpoint.rateLimitPerSecond === null ? "" : String(endpoint.rateLimitPerSecond));
  const [asymmetric, setAsymmetric] = useState(endpoint.publicKey !== null);
  const [lineProblem, setLineProblem] = useState<string>();
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (patch: Omit<Parameters<typeof api.organizations.updateWebhookEndpoint>[0], "orgId" | "endpointId">) =>
      api.organizations.updateWebhookEndpoint({ orgId: endpoint.orgId, endpointId: endpoint.id, ...patch }),
    onSuccess: async (changed) => {
      setSaved(true);
      queryClient.setQueryData(queryKeys.webhookEndpoint(changed.orgId, changed.id), changed);
      await queryClient.invalidateQueries({ queryKey: queryKeys.webhookEndpoints(changed.orgId), exact: true });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const parsedHeaders = parseLines(headers, ":");
    const parsedMetadata = parseLines(metadata, "=");
    if ("badLine" in parsedHeaders) return setLineProblem(`Custom headers, line ${parsedHeaders.badLine}: write Name: value`);
    if ("badLine" in parsedMetadata) return setLineProblem(`Metadata, line ${parsedMetadata.badLine}: write key=value`);
    setLineProblem(undefined);
    save.mutate({
      url: url.trim(),
      description: description.trim(),
      eventTypes,
      headers: parsedHeaders.value,
      metadata: parsedMetadata.value,
      rateLimitPerSecond: rateLimit.trim() === "" ? null : Number(rateLimit),
      asymmetricSigning: asymmetric,
    });
  };
  const urlProblem = fieldProblem(save.error, "body.url");
  return (
    <form className="form" onSubmit={onSubmit} aria-labelledby="edit-endpoint-title">
      <h2 id="edit-endpoint-title">Settings</h2>
      <EndpointAddressFields url={url} onUrlChange={setUrl} urlProblem={urlProblem} description={description} onDescriptionChange={setDescription} />
      <EventTypeChoices selected={eventTypes} onChange={setEventTypes} />
      <label>
        Custom headers <span className="muted">(one a line, Name: value; sent with every message)</span>
        <textarea rows={3} value={headers} onChange={(e) => setHeaders(e.target.value)} />
      </label>
      <label>
        Metadata <span className="muted">(one a line, key=value; kept for you, never sent)</span>
        <textarea rows={3} value={metadata} onChange={(e) => setMetadata(e.target.value)} />
      </label>
      <label>
        Rate limit, messages a second <span className="muted">(empty: none of its own)</span>
        <input type="number" min={1} max={1000} step={1} value={rateLimit} onChange={(e) => setRateLimit(e.target.value)} />
      </label>
      <label className="choice">
        <input type="checkbox" checked={asymmetric} onChange={(e) => setAsymmetric(e.target.checked)} />
        Asymmetric signing (ed25519 <code>v1a</code> signatures, verified with a public key)
      </label>
      {lineProblem && <p className="field-error">{lineProblem}</p>}
      <ProblemAlert error={save.error} title="The endpoint could not be saved" />
      {saved && !save.isPending && <p role="status">Saved.</p>}
      <button type="submit" disabled={save.isPending || eventTypes.length === 0}>
        Save settings
      </button>
    </form>
  );
}
