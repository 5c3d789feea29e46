import { defineConfig } from "@playwright/test";
import base from "../../../playwright.config.js";

// `npm run screenshots`: the README's pictures of the main screens, taken from a running
// `npm start` (best on a fresh one, whose lists hold only the demo data) into docs/screenshots/.
// Not part of `npm test`: it writes files the repository tracks.
export default defineConfig({
  ...base,
  testDir: ".",
  reporter: [["list"]],
  projects: base.projects?.filter((project) => project.name === "desktop"),
});
