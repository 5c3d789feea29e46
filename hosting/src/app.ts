// Shows /v1/health, the public answer: up or down, refreshed every few seconds. Which dependency
// is down, and how fast each answers, is for operators (/v1/health/details).

interface HealthSummary {
  status: "ok" | "degraded";
  checkedAt: string;
}

const refreshMs = 5_000;

async function refresh(): Promise<void> {
  const overall = document.getElementById("overall")!;
  try {
    const response = await fetch("/v1/health", { headers: { accept: "application/json" } });
    render((await response.json()) as HealthSummary);
  } catch {
    overall.textContent = "unreachable";
    overall.className = "badge down";
  }
}

function render(summary: HealthSummary): void {
  const overall = document.getElementById("overall")!;
  overall.textContent = summary.status;
  overall.className = `badge ${summary.status}`;
  document.getElementById("checked-at")!.textContent = new Date(summary.checkedAt).toLocaleTimeString();
}

void refresh();
setInterval(() => void refresh(), refreshMs);
