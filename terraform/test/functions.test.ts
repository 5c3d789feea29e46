// Every function index.ts exports has its service account and grants in the Terraform, with the
// kind, secrets and max instances the code deploys it with.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { cloudResources, configString, exportedFunctions, repoPath } from "./code.js";
import { blocks, catalog, environments, tfvars } from "./hcl.js";

const code = exportedFunctions();
const resources = cloudResources();
const taskHandlers = new Set(Object.values(resources.taskRoutes).map((route) => route.functionName));
const kindOf = (f: (typeof code)[number]): string =>
  f.trigger === "onMessagePublished" ? "subscriber" : f.trigger === "onSchedule" ? "schedule" : taskHandlers.has(f.name) ? "task" : "https";

describe("function identities", async () => {
  const functions = await catalog();

  it("reads the functions index.ts exports", () => {
    expect(code.length).toBeGreaterThan(0);
    expect(code.map((f) => f.name)).toContain("health");
  });

  it.each(code.map((f) => [f.name, f] as const))("%s has a service account in the catalog", (name) => {
    expect(functions[name], `functions/src/index.ts exports ${name}: add it to terraform/modules/function-identities/catalog.tf`).toBeDefined();
  });

  it("has no service account for a function index.ts no longer exports", () => {
    expect(Object.keys(functions).sort()).toEqual(code.map((f) => f.name).sort());
  });

  it.each(code.map((f) => [f.name, f] as const))("%s: kind, secrets and max instances as the code deploys it", (name, f) => {
    const entry = functions[name];
    expect(entry?.kind).toBe(kindOf(f));
    expect([...(entry?.secrets ?? [])].sort(), `${name} binds ${f.secrets.join(", ") || "no secret"}`).toEqual([...f.secrets].sort());
    expect(entry?.max_instances).toBe(f.maxInstances);
    if (f.trigger === "onRequest") expect(f.invoker, `${name} declares its invoker`).toBe(kindOf(f) === "task" ? "private" : "public");
  });

  it("gives every function a distinct, valid account id", () => {
    const ids = Object.values(functions).map((f) => f.account_id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/);
  });

  it("creates an account and the runtime roles for every catalog entry", async () => {
    const resource = await blocks("terraform/modules/function-identities", "resource");
    expect(resource.google_service_account.function[0].for_each).toBe("${local.functions}");
    const { runtime_roles: runtimeRoles } = await blocks("terraform/modules/function-identities", "locals");
    for (const role of ["roles/logging.logWriter", "roles/monitoring.metricWriter", "roles/cloudtrace.agent"]) expect(runtimeRoles).toContain(role);
    expect(resource.google_project_iam_member.runtime[0].for_each).toBe("${local.runtime_grants}");
  });

  it("lets every subscriber publish refused messages to its topic's dead-letter topic", () => {
    for (const [name, subscription] of Object.entries(resources.subscriptions)) {
      const deadLetter = resources.topics[subscription.topic]?.deadLetterTopic;
      expect(deadLetter).toBeDefined();
      expect(functions[name]?.publishes, name).toContain(deadLetter);
    }
  });

  it("routes every Hosting rewrite's function on the load balancer, in the code's region", async () => {
    const firebase = JSON.parse(readFileSync(repoPath("firebase.json"), "utf8")) as { hosting: { rewrites: { function?: { functionId: string; region: string } }[] } };
    const rewritten = new Set(firebase.hosting.rewrites.flatMap((r) => (r.function ? [r.function] : [])).map((f) => f.functionId));
    expect(rewritten.size).toBeGreaterThan(0);
    for (const name of rewritten) {
      expect(functions[name]?.kind, `${name} is behind a Hosting rewrite`).toBe("https");
      expect(functions[name]?.paths.length, `${name} has load-balancer paths`).toBeGreaterThan(0);
    }
    for (const rewrite of firebase.hosting.rewrites) if (rewrite.function) expect(rewrite.function.region).toBe(configString("region"));
    for (const env of environments) {
      const vars = await tfvars(env);
      expect(vars.primary_region, env).toBe(configString("region"));
      expect(vars.api_regions[0], `${env}: the primary region comes first`).toBe(configString("region"));
    }
  });
});
