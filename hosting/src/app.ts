// Shows /v1/health: one row per dependency, refreshed every few seconds.

interface DependencyHealth {
  name: string;
  status: "up" | "down";
  latencyMs: number;
  error?: string;
}

interface HealthReport {
  status: "ok" | "degraded";
  checkedAt: string;
  dependencies: DependencyHealth[];
}

const refreshMs = 5_000;

async function refresh(): Promise<void> {
  const overall = document.getElementById("overall")!;
  try {
    const response = await fetch("/v1/health", { headers: { accept: "application/json" } });
    render((await response.json()) as HealthReport);
  } catch {
    overall.textContent = "unreachable";
    overall.className = "badge down";
  }
}

function render(report: HealthReport): void {
  const overall = document.getElementById("overall")!;
  overall.textContent = report.status;
  overall.className = `badge ${report.status}`;
  document.getElementById("checked-at")!.textContent = new Date(report.checkedAt).toLocaleTimeString();
  const rows = report.dependencies.map((dependency) => {
    const row = document.createElement("tr");
    const status = document.createElement("span");
    status.className = `badge ${dependency.status}`;
    status.textContent = dependency.error ? `${dependency.status} (${dependency.error})` : dependency.status;
    row.append(cell(dependency.name), cell(status), cell(`${dependency.latencyMs} ms`));
    return row;
  });
  document.getElementById("dependencies")!.replaceChildren(...rows);
}

function cell(content: string | Node): HTMLTableCellElement {
  const td = document.createElement("td");
  td.append(content);
  return td;
}

void refresh();
setInterval(() => void refresh(), refreshMs);
