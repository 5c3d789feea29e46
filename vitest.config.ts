import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** Runs files in the order of their paths: the chaos suite's 00-cold-burst must meet a platform no test has warmed. */
class ByPath extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId));
  }
}

const sdkSource = (file: string) => new URL(`./sdk/src/${file}`, import.meta.url).pathname;

export default defineConfig({
  test: {
    // The sequencer is the root's for every project (a project's own is not used).
    sequence: { sequencer: ByPath },
    projects: [
      {
        // The unit tier runs before anything is built: the SDK is taken from its sources.
        resolve: {
          alias: [
            { find: /^@user-x\/sdk$/, replacement: sdkSource("index.ts") },
            { find: /^@user-x\/sdk\/webhooks$/, replacement: sdkSource("webhooks.ts") },
          ],
        },
        test: {
          name: "unit",
          include: ["functions/test/unit/**/*.test.ts", "sdk/test/unit/**/*.test.ts", "hosting/test/unit/**/*.test.ts"],
          benchmark: { include: ["functions/bench/**/*.bench.ts"] },
        },
      },
      {
        // The infra tier's consistency tests between the code and terraform/ (no cloud, no platform).
        test: {
          name: "infra",
          include: ["terraform/test/**/*.test.ts"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["functions/test/integration/**/*.test.ts", "functions/test/e2e/**/*.test.ts", "sdk/test/integration/**/*.test.ts"],
          // One local platform is shared by every file; running files one at a time keeps
          // each test's view of the servers its own.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Figures of the local platform, for `npm run bench` (tools/bench.mjs starts it).
          benchmark: { include: ["functions/bench/platform/**/*.bench.ts"] },
        },
      },
      {
        test: {
          name: "chaos",
          include: ["functions/test/chaos/**/*.test.ts"],
          // Each file breaks servers the others rely on: one at a time, in path order.
          fileParallelism: false,
          testTimeout: 600_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
