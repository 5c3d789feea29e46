// Bundles the functions with esbuild: ESM with code splitting, so each function's lazily
// imported module becomes its own chunk. npm packages stay external; Cloud Functions installs
// them from package.json at deploy.
import { build } from "esbuild";
import { rm } from "node:fs/promises";

const outdir = new URL("./lib/", import.meta.url).pathname;
await rm(outdir, { recursive: true, force: true });
const result = await build({
  // index.js is what Cloud Functions loads; migrate.js is the migration command (indexes, versions, queues, topics).
  entryPoints: ["src/index.ts", "src/migrate.ts"],
  absWorkingDir: new URL(".", import.meta.url).pathname,
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  sourcemap: "linked",
  chunkNames: "chunks/[name]-[hash]",
  metafile: true,
  logLevel: "warning",
});
const outputs = Object.keys(result.metafile.outputs).filter((file) => file.endsWith(".js"));
console.log(`functions: built ${outputs.length} files into lib/`);
