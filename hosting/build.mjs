// Builds the static site into dist/: the TypeScript bundled by esbuild, the rest copied as is.
import { build } from "esbuild";
import { cp, mkdir, rm } from "node:fs/promises";

const root = new URL(".", import.meta.url).pathname;
const dist = `${root}dist`;
await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
await Promise.all([
  cp(`${root}src/index.html`, `${dist}/index.html`),
  cp(`${root}src/docs.html`, `${dist}/docs.html`),
  cp(`${root}src/styles.css`, `${dist}/styles.css`),
  build({
    entryPoints: [`${root}src/app.ts`, `${root}src/docs.ts`],
    outdir: dist,
    bundle: true,
    format: "esm",
    target: "es2022",
    minify: true,
    sourcemap: true,
    logLevel: "warning",
  }),
]);
console.log("hosting: built dist/");
