// Every alert policy has its runbook in docs/runbooks/, and every runbook belongs to an alert
// (or is the backup-restore procedure).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { repoPath } from "./code.js";
import { locals } from "./hcl.js";

const monitoring = readFileSync(repoPath("terraform/modules/monitoring/main.tf"), "utf8");

async function alertNames(): Promise<string[]> {
  const { alerts } = await locals("terraform/modules/monitoring");
  const linked = [...monitoring.matchAll(/docs\/runbooks\/([a-z0-9-]+)\.md/g)].map((m) => m[1]!);
  return [...new Set([...Object.keys(alerts), ...linked.filter((name) => !name.includes("$"))])].sort();
}

it("links every alert policy to a runbook", () => {
  const policies = (monitoring.match(/resource "google_monitoring_alert_policy"/g) ?? []).length;
  const links = (monitoring.match(/content\s+= "Runbook: /g) ?? []).length;
  expect(links).toBe(policies);
});

it("has a runbook for every alert", async () => {
  for (const name of await alertNames()) expect(existsSync(repoPath(`docs/runbooks/${name}.md`)), `docs/runbooks/${name}.md`).toBe(true);
});

it("has no runbook for an alert that does not exist", async () => {
  const names = new Set([...(await alertNames()), "backup-restore", "README"]);
  for (const file of readdirSync(repoPath("docs/runbooks"))) expect(names.has(file.replace(/\.md$/, "")), file).toBe(true);
});
