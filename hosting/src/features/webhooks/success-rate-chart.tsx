import type { WebhookAttemptRow } from "./attempt-log";

const hourMs = 3_600_000;
const width = 480;
const height = 120;

/**
 * The share of attempts that succeeded, hour by hour, over the attempts shown (the latest page of
 * the log), as plain SVG bars: one chart of a few dozen rectangles needs no charting library, its
 * bundle, or its accessibility workarounds; the table beside it carries the same figures for
 * screen readers (`aria-describedby`).
 */
export function SuccessRateChart({ attempts }: { attempts: readonly WebhookAttemptRow[] }) {
  const buckets = new Map<number, { succeeded: number; total: number }>();
  for (const attempt of attempts) {
    const hour = Math.floor(Date.parse(attempt.at) / hourMs) * hourMs;
    const bucket = buckets.get(hour) ?? { succeeded: 0, total: 0 };
    bucket.total++;
    if (attempt.outcome === "succeeded") bucket.succeeded++;
    buckets.set(hour, bucket);
  }
  const hours = [...buckets.entries()].sort(([a], [b]) => a - b).slice(-24);
  const succeeded = attempts.filter((a) => a.outcome === "succeeded").length;
  const overall = attempts.length === 0 ? null : Math.round((100 * succeeded) / attempts.length);
  const barWidth = hours.length === 0 ? 0 : width / hours.length;
  return (
    <figure className="success-rate">
      <figcaption>
        Delivery success rate: <strong data-testid="success-rate">{overall === null ? "no attempts yet" : `${overall}%`}</strong>
        {overall !== null && ` of the last ${attempts.length} attempts (${succeeded} succeeded), by hour`}
      </figcaption>
      {hours.length > 0 && (
        <svg viewBox={`0 0 ${width} ${height}`} width="100%" height={height} role="img" aria-label={`Success rate by hour: ${hours.map(([hour, b]) => `${new Date(hour).toISOString().slice(11, 16)} ${Math.round((100 * b.succeeded) / b.total)}%`).join(", ")}`}>
          {hours.map(([hour, bucket], index) => {
            const rate = bucket.succeeded / bucket.total;
            const barHeight = Math.max(2, rate * (height - 4));
            return (
              <g key={hour}>
                <rect x={index * barWidth + 2} y={height - barHeight} width={Math.max(1, barWidth - 4)} height={barHeight} className={rate >= 0.95 ? "bar-good" : rate >= 0.5 ? "bar-fair" : "bar-poor"} data-testid="success-bar" />
                <title>{`${new Date(hour).toISOString().slice(0, 16).replace("T", " ")} UTC: ${bucket.succeeded} of ${bucket.total} succeeded`}</title>
              </g>
            );
          })}
        </svg>
      )}
    </figure>
  );
}
