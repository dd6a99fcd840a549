import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/security/**/*.test.ts", "tests/e2e/**/*.test.ts", "tests/reliability/**/*.test.ts"],
    // CRIER_TEST_BACKEND=postgres: one PostgreSQL for the run, and every started app on it.
    globalSetup: ["tests/setup/global-postgres.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Integration tests start real processes on fixed loopback ports per file.
    fileParallelism: false,
  },
});
