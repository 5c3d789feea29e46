// `npm test`: installs what is missing, checks layering and types, runs the unit tier and the
// infra tier (terraform/ and the workflows, tools/test-infra.mjs), then starts the real local
// platform and runs the chaos, integration and browser tiers against it.
// Ends with one pass/fail count over every tier.
import { mkdir, readFile, rm } from "node:fs/promises";
import { chromiumPath, ensureChromium, ensureDependencies } from "./install.mjs";
import { buildPlatform, clientEnv, migrate, startPlatform } from "./platform.mjs";
import { localDir, run } from "./process.mjs";
import { seedDemoData } from "./seed.mjs";
import { infraStaticChecks } from "./test-infra.mjs";
import { warmFunctions } from "./warm-functions.mjs";

const resultsDir = `${localDir}/test-results`;
const figuresPath = `${localDir}/chaos-figures.jsonl`;
const tiers = [];

try {
  await ensureDependencies();
  await ensureChromium();
  await mkdir(resultsDir, { recursive: true });
  await step("layers", () => run("npx", ["depcruise", "functions/src", "--config", ".dependency-cruiser.cjs"]));
  await step("types", async () => {
    await run("npm", ["run", "--silent", "typecheck", "--workspaces"]);
    await run("npx", ["tsc", "--noEmit", "-p", "hosting/test/browser"]);
    await run("npx", ["tsc", "--noEmit", "-p", "terraform/test"]);
  });
  await step("unit", () => vitest("unit"));
  await step("infra", async () => {
    await infraStaticChecks();
    return vitest("infra");
  });
  await buildPlatform();
  console.log("test: starting the local platform (logs in .local/logs/)");
  const platform = await startPlatform();
  try {
    await migrate();
    await seedDemoData();
    // Chaos first: its first file meets a platform no test has warmed; it kills and restarts
    // servers, and leaves every invariant holding for the integration tier after it.
    await rm(figuresPath, { force: true });
    await step("chaos", () => vitest("chaos", clientEnv));
    await step("integration", () => vitest("integration", clientEnv));
    // Last: a page breaks with any layer under it, so the tiers that name the broken layer go first.
    await warmFunctions(clientEnv.USERX_BASE_URL);
    await step("browser", () => playwright(clientEnv));
  } finally {
    await platform.stop();
  }
} catch (error) {
  console.error(`test: ${error.message}`);
  if (tiers.every((t) => t.ok)) tiers.push({ name: "platform", ok: false });
}
report();

/** Runs one tier; a failing tier stops the run, since later tiers build on earlier ones. */
async function step(name, action) {
  const tier = { name, ok: false };
  tiers.push(tier);
  try {
    Object.assign(tier, await action(), { ok: true });
  } catch (error) {
    Object.assign(tier, error.counts);
    throw error;
  }
}

async function vitest(project, env) {
  const outputFile = `${resultsDir}/${project}.json`;
  await rm(outputFile, { force: true });
  const outcome = await run("npx", ["vitest", "run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${outputFile}`], { env })
    .then(() => undefined, (error) => error);
  const results = JSON.parse(await readFile(outputFile, "utf8").catch(() => "{}"));
  const counts = { passed: results.numPassedTests ?? 0, failed: results.numFailedTests ?? 0, total: results.numTotalTests ?? 0 };
  if (outcome) throw Object.assign(outcome, { counts });
  return counts;
}

/** The browser tier: Playwright's runner driving Chromium against the started platform. */
async function playwright(env) {
  const outputFile = `${resultsDir}/browser.json`;
  await rm(outputFile, { force: true });
  // --forbid-only: a `test.only` left in a spec would otherwise pass the tier on one test.
  const outcome = await run("npx", ["playwright", "test", "--forbid-only"], {
    env: { ...env, CHROMIUM_PATH: chromiumPath, PLAYWRIGHT_JSON_OUTPUT_FILE: outputFile },
  }).then(() => undefined, (error) => error);
  const { stats = {} } = JSON.parse(await readFile(outputFile, "utf8").catch(() => "{}"));
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = stats;
  const counts = { passed: expected + flaky, failed: unexpected, total: expected + unexpected + flaky + skipped };
  if (outcome) throw Object.assign(outcome, { counts });
  return counts;
}

function report() {
  const tests = tiers.filter((t) => t.total !== undefined);
  const passed = tests.reduce((sum, t) => sum + t.passed, 0);
  const failed = tests.reduce((sum, t) => sum + t.failed, 0);
  const broken = tiers.filter((t) => !t.ok);
  const describe = (t) => (t.total === undefined ? (t.ok ? "ok" : "failed") : `${t.passed}/${t.total} passed`);
  console.log(`\n${tiers.map((t) => `  ${t.name}: ${describe(t)}`).join("\n")}`);
  console.log(`test: ${broken.length === 0 ? "PASS" : "FAIL"}, ${passed} passed, ${failed} failed`);
  if (broken.length > 0) process.exit(1);
}
