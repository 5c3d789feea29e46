import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { WebhookEndpoint } from "@user-x/sdk";
import { useState } from "react";
import { useNavigate } from "react-router";
import { ProblemAlert } from "../../components/problem-alert";
import { api } from "../../lib/api";
import { queryKeys } from "../../lib/query-keys";

/** Disable or enable the endpoint, and delete it after a confirmation that names it. */
export function EndpointActions({ endpoint }: { endpoint: WebhookEndpoint }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const ids = { orgId: endpoint.orgId, endpointId: endpoint.id };
  const [confirming, setConfirming] = useState(false);
  const toggle = useMutation({
    mutationFn: () => (endpoint.status === "enabled" ? api.organizations.disableWebhookEndpoint(ids) : api.organizations.enableWebhookEndpoint(ids)),
    onSuccess: async (changed) => {
      queryClient.setQueryData(queryKeys.webhookEndpoint(changed.orgId, changed.id), changed);
      await queryClient.invalidateQueries({ queryKey: queryKeys.webhookEndpoints(changed.orgId), exact: true });
    },
  });
  const remove = useMutation({
    mutationFn: () => api.organizations.deleteWebhookEndpoint(ids),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: queryKeys.webhookEndpoint(endpoint.orgId, endpoint.id) });
      await queryClient.invalidateQueries({ queryKey: queryKeys.webhookEndpoints(endpoint.orgId), exact: true });
      navigate("/console/webhooks", { replace: true });
    },
  });
  return (
    <section aria-labelledby="endpoint-actions-title">
      <h2 id="endpoint-actions-title">Status</h2>
      <div className="actions">
        <button type="button" className="secondary" disabled={toggle.isPending} onClick={() => toggle.mutate()}>
          {endpoint.status === "enabled" ? "Disable endpoint" : "Enable endpoint"}
        </button>
        {!confirming && (
          <button type="button" className="secondary danger" onClick={() => setConfirming(true)}>
            Delete endpoint
          </button>
        )}
      </div>
      {confirming && (
        <div className="confirm" role="alertdialog" aria-labelledby="delete-endpoint-question">
          <p id="delete-endpoint-question">
            Delete the endpoint <code className="break">{endpoint.url}</code> for good? It is sent nothing more, and this cannot be undone.
          </p>
          <div className="actions">
            <button type="button" className="danger" disabled={remove.isPending} onClick={() => remove.mutate()}>
              Delete for good
            </button>
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              Keep it
            </button>
          </div>
        </div>
      )}
      <ProblemAlert error={toggle.error} title="The endpoint's status could not be changed" />
      <ProblemAlert error={remove.error} title="The endpoint could not be deleted" />
    </section>
  );
}
