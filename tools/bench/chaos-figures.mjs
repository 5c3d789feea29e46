// Prints the figures the chaos suite left (functions/test/chaos/support/figures.ts), one row per fault.
import { readFile } from "node:fs/promises";

export async function printChaosFigures(path) {
  const lines = (await readFile(path, "utf8").catch(() => "")).split("\n").filter(Boolean);
  const figures = lines.map((line) => JSON.parse(line));
  console.log("\nSettling after faults (chaos suite):");
  for (const f of figures) {
    console.log(
      `  ${f.fault.padEnd(72)} settled in ${(f.settleMs / 1000).toFixed(1).padStart(6)} s   ${String(f.requests).padStart(4)} requests, ${String(f.retries).padStart(4)} retries, ${String(f.unavailable503).padStart(4)} answers 503`,
    );
  }
  if (figures.length === 0) console.log("  (no figures: did the chaos suite run?)");
}
