import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ProblemAlert } from "../../components/problem-alert";
import { api } from "../../lib/api";

/** How many days the organization's message payloads are kept before the retention schedule removes them. */
export function RetentionSetting({ orgId }: { orgId: string }) {
  const queryClient = useQueryClient();
  const queryKey = ["organizations", orgId, "webhook-settings"];
  const settings = useQuery({ queryKey, queryFn: ({ signal }) => api.organizations.getWebhookSettings({ orgId }, { signal }) });
  const [days, setDays] = useState<string>();
  const save = useMutation({
    mutationFn: (messageRetentionDays: number) => api.organizations.updateWebhookSettings({ orgId, messageRetentionDays }),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKey, saved);
      setDays(undefined);
    },
  });
  if (!settings.data) return <ProblemAlert error={settings.error} title="The webhook settings could not be loaded" />;
  return (
    <form
      className="recover"
      aria-labelledby="retention-title"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(Number(days ?? settings.data.messageRetentionDays));
      }}
    >
      <h2 id="retention-title">Retention</h2>
      <label>
        Keep message payloads (days)
        <input type="number" min={1} max={365} required value={days ?? String(settings.data.messageRetentionDays)} onChange={(event) => setDays(event.target.value)} />
      </label>
      <button type="submit" className="secondary" disabled={save.isPending || days === undefined}>
        Save retention
      </button>
      {save.isSuccess && <p role="status">Payloads are kept {save.data.messageRetentionDays} days.</p>}
      <ProblemAlert error={save.error} title="The retention could not be saved" />
    </form>
  );
}
