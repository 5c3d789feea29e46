import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["functions/test/unit/**/*.test.ts"],
          benchmark: { include: ["functions/bench/**/*.bench.ts"] },
        },
      },
      {
        test: {
          name: "integration",
          include: ["functions/test/integration/**/*.test.ts", "functions/test/e2e/**/*.test.ts"],
          // One local platform is shared by every file; running files one at a time keeps
          // each test's view of the servers its own.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
