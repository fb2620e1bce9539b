import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    // "server-only" throws outside React Server Components; tests run lib/ directly.
    alias: { "server-only": path.resolve("test/support/empty.ts") },
  },
  test: {
    include: ["lib/**/*.test.ts", "test/**/*.test.ts", "components/**/*.test.ts"],
    environment: "node",
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each file opens its own database; PGlite takes ~0.6 GB a process.
    maxWorkers: 2,
  },
});
