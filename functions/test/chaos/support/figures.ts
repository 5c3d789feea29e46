import { appendFile, mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";

/** Where the chaos suite leaves its figures for `npm run bench` to print, one JSON line per fault. */
export const figuresPath = fileURLToPath(new URL("../../../../.local/chaos-figures.jsonl", import.meta.url));

export interface FaultFigure {
  fault: string;
  /** From the fault's end (the server back) until every invariant held. */
  settleMs: number;
  requests: number;
  retries: number;
  unavailable503: number;
  [detail: string]: unknown;
}

export async function recordFigure(figure: FaultFigure): Promise<void> {
  await mkdir(fileURLToPath(new URL(".", `file://${figuresPath}`)), { recursive: true });
  await appendFile(figuresPath, `${JSON.stringify({ ...figure, at: new Date().toISOString() })}\n`);
  console.log(`chaos: ${figure.fault}: settled in ${(figure.settleMs / 1000).toFixed(1)} s, ${figure.requests} requests, ${figure.retries} retries, ${figure.unavailable503} answers 503`);
}
