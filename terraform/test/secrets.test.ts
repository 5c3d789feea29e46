// Every secret the code binds (defineSecret in functions/src/config.ts) exists in every
// environment, and the functions that bind it may read it.
import { describe, expect, it } from "vitest";
import { definedSecrets, exportedFunctions } from "./code.js";
import { catalog, environments, locals, moduleCall } from "./hcl.js";

const secrets = [...definedSecrets().values()].sort();

it("reads the secrets config.ts defines", () => {
  expect(secrets).toContain("MONGODB_URI");
});

describe.each(environments)("%s", (env) => {
  it("creates exactly the secrets the code defines", async () => {
    const { secrets: declared } = await locals(env);
    expect(Object.keys(declared ?? {}).sort(), `add the missing secret to local.secrets in ${env}/main.tf`).toEqual(secrets);
    expect((await moduleCall(env, "secrets")).secrets).toBe("${local.secrets}");
    expect((await moduleCall(env, "function_identities")).secret_ids).toBe("${module.secrets.secret_ids}");
  });
});

it("grants each secret to the functions that bind it", async () => {
  const functions = await catalog();
  for (const f of exportedFunctions()) for (const secret of f.secrets) expect(functions[f.name]?.secrets, f.name).toContain(secret);
});
