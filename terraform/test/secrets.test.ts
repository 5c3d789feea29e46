// Every secret the code binds (defineSecret in functions/src/config.ts) exists in every
// environment, and the functions that bind it may read it.
import { describe, expect, it } from "vitest";
import { definedSecrets, exportedFunctions } from "./code.js";
import { catalog, locals, moduleCall, stack } from "./hcl.js";

const secrets = [...definedSecrets().values()].sort();

it("reads the secrets config.ts defines", () => {
  expect(secrets).toContain("MONGODB_URI");
});

describe(stack, () => {
  it("creates exactly the secrets the code defines, in every environment", async () => {
    const { secrets: declared } = await locals(stack);
    expect(Object.keys(declared ?? {}).sort(), `add the missing secret to local.secrets in ${stack}/main.tf`).toEqual(secrets);
    expect((await moduleCall(stack, "secrets")).secrets).toBe("${local.secrets}");
    expect((await moduleCall(stack, "function_identities")).secret_ids).toBe("${module.secrets.secret_ids}");
  });
});

it("grants each secret to the functions that bind it", async () => {
  const functions = await catalog();
  for (const f of exportedFunctions()) for (const secret of f.secrets) expect(functions[f.name]?.secrets, f.name).toContain(secret);
});
