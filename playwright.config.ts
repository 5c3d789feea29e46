import { defineConfig, devices } from "@playwright/test";

// The browser tier: real Chromium against the local platform that `npm test` (or `npm start`)
// already runs, so there is no `webServer` here. Specs and their fixtures are in
// hosting/test/browser/ (support/fixtures.ts says how to add one).

// Debian's Chromium, not Playwright's download: CI reaches the npm registry and Debian only.
// CHROMIUM_PATH points elsewhere (a Chrome on a laptop, say).
const launchOptions = { executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium" };

export default defineConfig({
  testDir: "hosting/test/browser",
  // Everything Playwright writes on a failure (screenshots, traces) stays out of the tree.
  outputDir: ".local/playwright/results",
  // One local platform serves every test, on 2 cores: a second worker would only race the
  // Functions emulator booting workers for the first.
  workers: 1,
  fullyParallel: false,
  // A retry would hide the flakiness the platform's tests exist to find.
  retries: 0,
  // A flow through the platform may boot function workers and wait for an event to be handled.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ["list"],
    // tools/test.mjs counts passed and failed from this report (it sets PLAYWRIGHT_JSON_OUTPUT_FILE
    // to the same path).
    ["json", { outputFile: ".local/test-results/browser.json" }],
  ],
  use: {
    baseURL: process.env.USERX_BASE_URL || "http://127.0.0.1:5000",
    headless: true,
    locale: "en-US",
    timezoneId: "UTC",
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "desktop",
      use: { ...devices["Desktop Chrome"], launchOptions },
    },
    {
      // Only the specs tagged @phone run here too, so a long flow is not paid for twice.
      name: "phone",
      grep: /@phone/,
      use: { ...devices["Pixel 7"], launchOptions },
    },
  ],
});
