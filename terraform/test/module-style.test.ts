// The house style of terraform-google-modules, checked: versions.tf with a floor and a ceiling
// for Terraform and every provider; every variable typed, described and validated; every output
// described; for_each keyed by name (count only as an on/off switch); an example per module.
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repoPath } from "./code.js";
import { blocks, environments, modules, parseDir, stack, subdirectories } from "./hcl.js";

const examples = subdirectories("terraform/examples").map((name) => `terraform/examples/${name}`);
const floorAndCeiling = /^>=\s*[0-9.]+,\s*<\s*[0-9.]+$/;

describe.each([...modules, stack])("%s", (dir) => {
  it("pins Terraform and every provider between a floor and a ceiling in versions.tf", async () => {
    const versions = (await parseDir(dir)).get("versions.tf");
    expect(versions, "versions.tf").toBeDefined();
    const [terraform] = versions!.terraform;
    expect(terraform.required_version).toMatch(floorAndCeiling);
    const providers = Object.assign({}, ...terraform.required_providers);
    expect(Object.keys(providers).length).toBeGreaterThan(0);
    for (const [name, p] of Object.entries<any>(providers)) expect(p.version, name).toMatch(floorAndCeiling);
  });

  it("types, describes and validates every variable", async () => {
    for (const [name, [variable]] of Object.entries<any>(await blocks(dir, "variable"))) {
      expect(variable.type, `${name}: type`).toBeDefined();
      expect(variable.description, `${name}: description`).toMatch(/\S/);
      expect(variable.validation, `${name}: validation`).toBeDefined();
    }
  });

  it("describes every output", async () => {
    for (const [name, [output]] of Object.entries<any>(await blocks(dir, "output"))) expect(output.description, name).toMatch(/\S/);
  });

  it("uses count only to switch a resource on or off", async () => {
    const resources = await blocks(dir, "resource");
    for (const [type, byName] of Object.entries<any>(resources)) {
      for (const [name, [resource]] of Object.entries<any>(byName)) {
        if (resource.count !== undefined) expect(resource.count, `${type}.${name}`).toMatch(/\? 1 : 0\}$|\? 0 : 1\}$/);
      }
    }
  });
});

it("gives every environment only its values and its state prefix: the configuration is the stack's", async () => {
  for (const env of environments) {
    expect([...(await parseDir(env)).keys()], `${env} holds no .tf file`).toEqual([]);
    expect((existsSync(repoPath(`${env}/terraform.tfvars`)) && existsSync(repoPath(`${env}/backend.hcl`))), env).toBe(true);
    expect(readFileSync(repoPath(`${env}/terraform.tfvars`), "utf8"), env).toMatch(new RegExp(`^environment\\s*=\\s*"${env.split("/").pop()}"$`, "m"));
  }
});

it("has an example for every module", () => {
  const used = examples.flatMap((dir) => [...readFileSync(repoPath(`${dir}/main.tf`), "utf8").matchAll(/source\s*=\s*"\.\.\/\.\.\/modules\/([a-z-]+)"/g)].map((m) => m[1]));
  for (const dir of modules) expect(used, dir).toContain(dir.split("/").pop());
  for (const dir of examples) expect(existsSync(repoPath(`${dir}/README.md`)), `${dir}/README.md`).toBe(true);
});
