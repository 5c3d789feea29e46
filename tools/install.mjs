// Installs the npm dependencies when they are missing or older than the lockfile, so that
// `npm start` and `npm test` work on a fresh clone with nothing installed beforehand.
import { stat } from "node:fs/promises";
import { repoRoot, run } from "./process.mjs";

export async function ensureDependencies() {
  const lockfile = await mtime(`${repoRoot}/package-lock.json`);
  const installed = await mtime(`${repoRoot}/node_modules/.package-lock.json`);
  if (installed !== undefined && lockfile !== undefined && installed >= lockfile) return;
  console.log("install: npm ci");
  await run("npm", ["ci", "--no-audit", "--no-fund"]);
}

async function mtime(path) {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return undefined;
  }
}
