import { useMutation, useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { Page } from "../../components/page";
import { ProblemAlert } from "../../components/problem-alert";
import { Loading } from "../../components/status";
import { publicApi } from "../../lib/api";
import { emailCategoryLabels } from "./email-categories";

/**
 * Where an email's unsubscribe link opens, without signing in: it says which emails the link stops
 * and stops them only when asked (opening a link changes nothing: mail scanners open links too).
 */
export function UnsubscribePage() {
  const { token = "" } = useParams();
  const link = useQuery({ queryKey: ["unsubscribe", token], queryFn: ({ signal }) => publicApi.emailPreferences.getUnsubscribeLink({ token }, { signal }), retry: false });
  const stop = useMutation({ mutationFn: () => publicApi.emailPreferences.unsubscribe({ token, "List-Unsubscribe": "One-Click" }) });
  const state = stop.data ?? link.data;
  return (
    <Page title="Unsubscribe">
      {link.isPending ? (
        <Loading label="Reading your link…" />
      ) : link.isError ? (
        <ProblemAlert error={link.error} title="This unsubscribe link does not work" />
      ) : state && !state.subscribed ? (
        <p role="status" className="success">
          You no longer receive emails about {emailCategoryLabels[state.category].name.toLowerCase()}.
        </p>
      ) : state ? (
        <>
          <p>
            Stop emails about <strong>{emailCategoryLabels[state.category].name.toLowerCase()}</strong> ({emailCategoryLabels[state.category].about})?
          </p>
          <button type="button" onClick={() => stop.mutate()} disabled={stop.isPending}>
            Unsubscribe
          </button>
          <ProblemAlert error={stop.error} title="You could not be unsubscribed" />
        </>
      ) : null}
      <p className="muted">
        Signed in? <Link to="/preferences">Choose which emails you receive</Link>.
      </p>
    </Page>
  );
}
