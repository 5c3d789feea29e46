import { build } from "esbuild";
import { describe, expect, it } from "vitest";

// The SDK runs in browsers and React Native, where Node's built-ins do not exist. The entries are
// bundled here as the package builds them, and every import that is left (none should be) is
// checked: a `node:` module, or a bare built-in name, fails the test.
describe("the SDK's published entries", () => {
  it.each(["index", "webhooks"])("%s imports no Node built-in", async (entry) => {
    const result = await build({
      entryPoints: [new URL(`../../src/${entry}.ts`, import.meta.url).pathname],
      bundle: true,
      write: false,
      format: "esm",
      platform: "neutral",
      metafile: true,
      logLevel: "silent",
    });
    const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports.map((i) => i.path));
    expect(imports).toEqual([]);
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/\bnode:|require\(|process\.|Buffer\b/);
  });
});
