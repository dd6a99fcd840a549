import path from "node:path";
import { defineConfig } from "vitest/config";

const ALL = ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/security/**/*.test.ts", "tests/e2e/**/*.test.ts", "tests/reliability/**/*.test.ts"];

// Files that keep a core busy for minutes (Chromium, the 10,000-activity flood, 1,000 SSE
// screens) or measure time (a bound such as "within 1 s", or regex-fuzz's growth ratio)
// that such a neighbour could break: one at a time, in their own lane. Every other file allocates its own ports
// (getFreePort), data directories (makeTempDir) and PostgreSQL cluster or database, so
// they run side by side. `npm test` runs both lanes at once (tests/setup/run-suite.ts).
export const SERIAL = [
  "tests/e2e/**/*.test.ts",
  "tests/reliability/**/*.test.ts",
  "tests/integration/scale-out.test.ts",
  "tests/integration/slide-limits.test.ts",
  "tests/integration/speech-limits.test.ts",
  "tests/integration/slides.test.ts",
  "tests/unit/tooling/regex-fuzz.test.ts",
];

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    // CRIER_TEST_BACKEND=postgres: one PostgreSQL for the run, and every started app on it.
    globalSetup: ["tests/setup/global-postgres.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    projects: [
      // Mostly waiting on child processes and timers, so more files than cores.
      { extends: true, test: { name: "parallel", include: ALL, exclude: SERIAL, maxWorkers: 2 } },
      { extends: true, test: { name: "serial", include: SERIAL, fileParallelism: false } },
    ],
  },
});
