import { defineConfig } from "vitest/config";
import SummaryReporter from "./test/support/summary-reporter.ts";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "core/**/*.test.ts", "actions/**/*.test.ts"],
    reporters: ["default", new SummaryReporter()],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: "forks",
  },
});
