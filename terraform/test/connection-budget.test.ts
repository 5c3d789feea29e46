// The connection budget: every instance of every function may hold a full pool of connections
// to a node, plus the driver's 2 monitoring connections, and all of them must fit in 80% of the
// Atlas tier's connection limit. An API function is deployed once per API region, and counts
// once per region. Only the functions that bind MONGODB_URI connect.
import { describe, expect, it } from "vitest";
import { exportedFunctions, mongoPoolSize } from "./code.js";
import { catalog, environments, locals, tfvars } from "./hcl.js";

const poolSize = mongoPoolSize();
const connecting = exportedFunctions().filter((f) => f.secrets.includes("MONGODB_URI"));

export function budget(regions: number, kinds: Record<string, string>): number {
  return connecting.reduce((sum, f) => sum + f.maxInstances * (poolSize + 2) * (kinds[f.name] === "https" ? regions : 1), 0);
}

describe.each(environments)("%s", (env) => {
  it("keeps every connection the functions may open under 80% of the Atlas tier's limit", async () => {
    const functions = await catalog();
    const kinds = Object.fromEntries(Object.entries(functions).map(([name, f]) => [name, f.kind]));
    const vars = await tfvars(env);
    const { connection_limits: limits } = await locals("terraform/modules/atlas");
    const limit = limits[vars.atlas_instance_size];
    expect(limit, `the atlas module knows the limit of ${vars.atlas_instance_size}`).toBeGreaterThan(0);
    const needed = budget(vars.api_regions.length, kinds);
    console.log(`${env}: ${connecting.length} functions, pool ${poolSize}, ${vars.api_regions.length} API region(s): ${needed} connections; ${vars.atlas_instance_size} allows ${limit} (80%: ${0.8 * limit})`);
    expect(needed).toBeLessThan(0.8 * limit);
  });
});
