// The Terraform configuration, parsed with @cdktf/hcl2json (HashiCorp's HCL parser compiled to
// WebAssembly: offline, and the same grammar tofu reads). Literal values come back as JSON;
// expressions as "${…}" strings, which the tests compare as text.
import { parse } from "@cdktf/hcl2json";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { repoPath } from "./code.js";

export type Hcl = Record<string, any>;

/** Every .tf file of a directory (not its subdirectories), parsed: one object per file name. */
export async function parseDir(dir: string): Promise<Map<string, Hcl>> {
  const parsed = new Map<string, Hcl>();
  for (const name of readdirSync(repoPath(dir)).filter((n) => n.endsWith(".tf")).sort()) {
    parsed.set(name, await parse(name, readFileSync(repoPath(`${dir}/${name}`), "utf8")));
  }
  return parsed;
}

/** A directory's blocks of one kind (variable, output, module, locals …), merged over its files. */
export async function blocks(dir: string, kind: string): Promise<Hcl> {
  const merged: Hcl = {};
  for (const file of (await parseDir(dir)).values()) {
    const section = file[kind];
    if (Array.isArray(section)) section.forEach((entry) => Object.assign(merged, entry));
    else if (section) Object.assign(merged, section);
  }
  return merged;
}

/** The locals of a directory, merged over its files. */
export const locals = (dir: string): Promise<Hcl> => blocks(dir, "locals");

/** A module call of the stack: its first (only) block. */
export async function moduleCall(dir: string, name: string): Promise<Hcl> {
  const calls = await blocks(dir, "module");
  const call = calls[name]?.[0];
  if (!call) throw new Error(`${dir} calls no module ${name}`);
  return call;
}

/** An environment's terraform.tfvars values. */
export async function tfvars(envDir: string): Promise<Hcl> {
  return parse("terraform.tfvars", readFileSync(repoPath(`${envDir}/terraform.tfvars`), "utf8"));
}

export const subdirectories = (dir: string): string[] =>
  readdirSync(repoPath(dir)).filter((n) => statSync(repoPath(`${dir}/${n}`)).isDirectory()).sort();

/** The one root configuration every environment applies, each with its own state and values. */
export const stack = "terraform/stack";
/** Each environment: its values (terraform.tfvars) and its state prefix (backend.hcl) for the stack. */
export const environments = subdirectories("terraform/envs").map((name) => `terraform/envs/${name}`);
export const modules = subdirectories("terraform/modules").map((name) => `terraform/modules/${name}`);

export interface CatalogEntry {
  account_id: string;
  kind: "https" | "task" | "subscriber" | "schedule";
  max_instances: number;
  secrets: string[];
  publishes: string[];
  enqueues: string[];
  kms_keys: string[];
  reads_auth_users: boolean;
  paths: string[];
}

/** The function catalog of modules/function-identities (catalog.tf), keyed by exported name. */
export async function catalog(): Promise<Record<string, CatalogEntry>> {
  const { functions } = await locals("terraform/modules/function-identities");
  if (!functions || typeof functions !== "object") throw new Error("function-identities declares no literal local.functions");
  return functions as Record<string, CatalogEntry>;
}
