// Bundles the SDK's entries for every runtime: ESM, browser platform (so a Node built-in would
// fail the build instead of slipping in), no dependencies, minified with a source map.
import { build } from "esbuild";
import { rm } from "node:fs/promises";

const root = new URL("..", import.meta.url).pathname;
await rm(`${root}dist`, { recursive: true, force: true });
// dist/types comes after, from tsc -p tsconfig.build.json.
const result = await build({
  entryPoints: { index: `${root}src/index.ts`, webhooks: `${root}src/webhooks.ts` },
  outdir: `${root}dist`,
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  sourcemap: true,
  metafile: true,
  logLevel: "warning",
});
const sizes = Object.entries(result.metafile.outputs)
  .filter(([file]) => file.endsWith(".js"))
  .map(([file, output]) => `${file.replace(/^.*\//, "")} ${(output.bytes / 1024).toFixed(1)} KiB`);
console.log(`sdk: built dist/ (${sizes.join(", ")})`);
