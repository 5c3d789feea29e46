// `npm start`: installs what is missing, builds, starts the whole platform, seeds demo data and
// prints where everything is. Ctrl-C stops every server.
import { ensureDependencies } from "./install.mjs";
import { buildPlatform, endpoints, migrate, projectId, startPlatform } from "./platform.mjs";
import { demoAccounts, demoPassword, seedDemoData } from "./seed.mjs";

await ensureDependencies();
await buildPlatform();
console.log("start: starting the local platform (logs in .local/logs/)");
const started = Date.now();
// Once the screen below is printed, function invocations and errors follow it as they happen.
let following = false;
const platform = await startPlatform({
  onLine: (service, chunk) => {
    if (!following || service !== "firebase") return;
    for (const line of chunk.split("\n")) {
      if (/functions: |⚠|Error/.test(line)) console.log(line);
    }
  },
});
let demo;
try {
  await migrate();
  demo = await seedDemoData();
} catch (error) {
  console.error(`start: ${error.message}`);
  await platform.stop();
  process.exit(1);
}

const web = `http://${endpoints.hosting}`;
console.log(`
  User-X is running locally (project ${projectId}, up in ${((Date.now() - started) / 1000).toFixed(1)} s)

  Participants   ${web}/                 (sign up, browse, claim, answer, see your points)
  Console        ${web}/console          (organizations: opportunities, claims, webhooks, API keys, members)
  API base URL   ${web}/v1
  OpenAPI        ${web}/v1/openapi.json
  Health         ${web}/health (page) · ${web}/v1/health (API)

  API reference  ${web}/docs
  Email inbox    http://${endpoints.mailpit}/     (every email the platform sends; SMTP at ${endpoints.smtp})
  OIDC issuer    http://${endpoints.oidc}     (an organization's identity provider: client "userx-local", password "local-password", code "000000" for MFA)

  Demo accounts  (password "${demoPassword}", Auth emulator at ${endpoints.auth})
${demoAccounts.map((a) => `    ${a.email.padEnd(32)} ${a.role}`).join("\n")}
  Demo data      organization ${demo.orgId}, active opportunity ${demo.opportunityId}
                 (README.md walks through the flow with curl)

  Servers        Functions ${endpoints.functions} · Auth ${endpoints.auth} · MongoDB (FerretDB) ${endpoints.mongo}
                 Pub/Sub ${endpoints.pubsub} (pushes to the subscribers, with retries) · Cloud Tasks ${endpoints.tasks}
                 Cloud KMS ${endpoints.kms} · platform control ${endpoints.control} (kill and restart a server)
  Schedules      run every localEverySeconds of functions/src/cloud-resources.json (.local/logs/scheduler.log)
  Logs           .local/logs/<server>.log

  Ctrl-C stops everything.
`);
following = true;
