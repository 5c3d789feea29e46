// Boots a worker of each HTTPS function before a tier that times its steps (the browser tier:
// Playwright waits 10 s for what a page shows). The Functions emulator boots a worker on a
// function's first request, and after the integration tier it is still busy with that tier's
// background work (retried webhook deliveries, subscribers): a first page load then waited more
// than 10 s on "Loading the opportunity…" (CI, claim-deadline and console-flow specs). Each
// function is asked through Hosting, as a page would, `workersEach` requests at once (a console page
// sends up to three to one function together, and each request in flight needs a worker of its
// own), until they all answer quickly: any answer (401 included) means the workers are up.
import { setTimeout as sleep } from "node:timers/promises";

/** A GET answered by each HTTPS function behind Hosting's rewrites (firebase.json). */
const pathsByFunction = {
  health: "/v1/health",
  organizations: "/v1/account",
  opportunities: "/v1/opportunities",
  claims: "/v1/claims",
  submissions: "/v1/submissions",
  rewards: "/v1/rewards",
};

const quickMs = 3_000;
const workersEach = 3;
const givesUpAfterMs = 120_000;

export async function warmFunctions(baseUrl) {
  const started = Date.now();
  for (const [name, path] of Object.entries(pathsByFunction)) {
    for (;;) {
      const asked = Date.now();
      const answers = await Promise.all(
        Array.from({ length: workersEach }, () =>
          fetch(`${baseUrl}${path}`).then(
            (response) => response.arrayBuffer().then(() => true),
            () => false,
          ),
        ),
      );
      if (answers.every(Boolean) && Date.now() - asked < quickMs) break;
      if (Date.now() - started > givesUpAfterMs) {
        console.log(`warm: ${name} still slow after ${givesUpAfterMs / 1000} s; going on`);
        break;
      }
      await sleep(250);
    }
  }
  console.log(`warm: every HTTPS function answered quickly after ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
