import { useQuery } from "@tanstack/react-query";
import { Page } from "../../components/page";
import { ProblemAlert } from "../../components/problem-alert";
import { Loading } from "../../components/status";

interface HealthSummary {
  status: "ok" | "degraded";
  checkedAt: string;
}

// /v1/health is the one call not made through the SDK: it is answered outside the API's router
// (by a cached check, to anyone), so no route declaration, and no SDK method, describes it.
async function fetchHealth(signal: AbortSignal): Promise<HealthSummary> {
  const response = await fetch("/v1/health", { headers: { accept: "application/json" }, signal });
  const body: unknown = await response.json();
  if (typeof body !== "object" || body === null || !("status" in body) || !("checkedAt" in body)) {
    throw new Error(`unexpected answer from /v1/health (HTTP ${response.status})`);
  }
  return body as HealthSummary;
}

export default function HealthPage() {
  const health = useQuery({ queryKey: ["health"], queryFn: ({ signal }) => fetchHealth(signal), refetchInterval: 5_000, staleTime: 0 });
  return (
    <Page title="Platform health">
      {health.isPending ? (
        <Loading label="Checking…" />
      ) : health.isError ? (
        <ProblemAlert error={health.error} title="The platform could not be reached" />
      ) : (
        <p>
          Status:{" "}
          <span className={`badge ${health.data.status}`} data-testid="health-status">
            {health.data.status}
          </span>{" "}
          <span className="muted">checked {new Date(health.data.checkedAt).toLocaleTimeString()}</span>
        </p>
      )}
      <p className="muted">
        From <a href="/v1/health">/v1/health</a>, refreshed every 5 seconds. Each dependency and its latency are at <code>/v1/health/details</code>, for operators.
      </p>
      <p>
        <a href="/docs">API reference</a> · <a href="/v1/openapi.json">OpenAPI 3.1 document</a>
      </p>
    </Page>
  );
}
