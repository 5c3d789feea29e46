import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { EmailPreferences } from "@user-x/sdk";
import { Page } from "../../components/page";
import { ProblemAlert } from "../../components/problem-alert";
import { Loading } from "../../components/status";
import { api } from "../../lib/api";
import { queryKeys } from "../../lib/query-keys";
import { emailCategoryLabels } from "./email-categories";

/** Which emails the participant receives, one category at a time; every email links here. */
export function EmailPreferencesPage() {
  const queryClient = useQueryClient();
  const preferences = useQuery({ queryKey: queryKeys.emailPreferences, queryFn: ({ signal }) => api.emailPreferences.get(undefined, { signal }) });
  // The box shows its new state at once and goes back if the save fails: a controlled checkbox
  // that waited for the server would not move under the click.
  const change = useMutation({
    mutationFn: (patch: Partial<EmailPreferences>) => api.emailPreferences.update(patch),
    onMutate: async (patch) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.emailPreferences });
      const previous = queryClient.getQueryData<EmailPreferences>(queryKeys.emailPreferences);
      if (previous) queryClient.setQueryData(queryKeys.emailPreferences, { ...previous, ...patch });
      return { previous };
    },
    onError: (_error, _patch, context) => {
      if (context?.previous) queryClient.setQueryData(queryKeys.emailPreferences, context.previous);
    },
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.emailPreferences, saved),
  });
  return (
    <Page title="Email preferences">
      <p className="muted">Choose which emails we send you. Each change is saved at once.</p>
      {preferences.isPending ? (
        <Loading label="Loading your email preferences…" />
      ) : preferences.isError ? (
        <ProblemAlert error={preferences.error} title="Your email preferences could not be loaded" />
      ) : (
        <fieldset aria-label="Emails you receive" disabled={change.isPending}>
          <legend>Emails you receive</legend>
          {Object.entries(emailCategoryLabels).map(([category, label]) => (
            <label key={category} className="checkbox">
              <input
                type="checkbox"
                checked={preferences.data[category as keyof EmailPreferences]}
                onChange={(event) => change.mutate({ [category]: event.target.checked })}
              />
              {label.name}: {label.about}
            </label>
          ))}
        </fieldset>
      )}
      <ProblemAlert error={change.error} title="Your change could not be saved" />
      {change.isSuccess && (
        <p role="status" className="success">
          Saved.
        </p>
      )}
    </Page>
  );
}
