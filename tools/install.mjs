// Installs the npm dependencies when they are missing or older than the lockfile, so that
// `npm start` and `npm test` work on a fresh clone with nothing installed beforehand; and the
// browser the browser tier of `npm test` drives.
import { stat } from "node:fs/promises";
import { repoRoot, run } from "./process.mjs";

/** The Chromium the browser tier drives (playwright.config.ts reads the same variable). */
export const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
// Without a font package a headless page renders its text as boxes.
const debianBrowserPackages = [
  { name: "chromium", path: "/usr/bin/chromium" },
  { name: "fonts-liberation", path: "/usr/share/fonts/truetype/liberation" },
];

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

/**
 * Makes sure the browser tier has its browser: Debian's `chromium`, since Playwright's own download
 * needs hosts CI cannot reach. Installs what is missing when it may (root on Debian, as in CI);
 * otherwise says what to install, before a long run rather than at its end.
 */
export async function ensureChromium() {
  if (process.env.CHROMIUM_PATH) {
    if ((await mtime(chromiumPath)) === undefined) throw new Error(`CHROMIUM_PATH is ${chromiumPath}, which does not exist`);
    return;
  }
  const missing = [];
  for (const { name, path } of debianBrowserPackages) {
    if ((await mtime(path)) === undefined) missing.push(name);
  }
  if (missing.length === 0) return;
  await aptInstall(missing, (advice) => `the browser tests need Chromium (missing: ${missing.join(", ")}): ${advice ?? "install Chromium or Chrome"}, or set CHROMIUM_PATH to a Chromium or Chrome binary`);
}

/** Debian's redis-server, which the local platform runs for the API's rate limits (Memorystore in production). */
export const redisServerPath = "/usr/bin/redis-server";

/** Makes sure the local platform has its Redis: installed from Debian's packages when it may, as for Chromium. */
export async function ensureRedis() {
  if ((await mtime(redisServerPath)) !== undefined) return;
  await aptInstall(["redis-server"], (advice) => `the local platform runs Redis for the API's rate limits: ${advice ?? "install redis-server (Redis 7)"}`);
}

/** Installs Debian packages when it may (root on Debian, as in CI); otherwise fails saying what to install. */
async function aptInstall(packages, explain) {
  const onDebian = (await mtime("/etc/debian_version")) !== undefined;
  if (onDebian && process.getuid?.() === 0) {
    console.log(`install: apt-get install ${packages.join(" ")}`);
    await run("apt-get", ["update", "-qq"]);
    await run("apt-get", ["install", "-y", "-qq", ...packages], { env: { DEBIAN_FRONTEND: "noninteractive" } });
    return;
  }
  throw new Error(explain(onDebian ? `sudo apt-get install ${packages.join(" ")}` : undefined));
}
