import path from "node:path";
import { defineConfig } from "vitest/config";

const ALL = ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/security/**/*.test.ts", "tests/e2e/**/*.test.ts", "tests/reliability/**/*.test.ts"];

// Two lanes of files that run one at a time, because they keep a core busy for minutes
// or measure time (a bound such as "within 1 s", or regex-fuzz's growth ratio) that a busy
// neighbour could break: the Chromium tests, and the reliability suite with the
// time-bound files. Every other file allocates its own ports (getFreePort), data
// directories (makeTempDir) and PostgreSQL cluster or database, so they run side by side.
// `npm test` runs the three lanes at once (tests/setup/run-suite.ts).
const BROWSER = ["tests/e2e/**/*.test.ts"];
const HEAVY = [
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
      { extends: true, test: { name: "parallel", include: ALL, exclude: [...BROWSER, ...HEAVY], maxWorkers: 2 } },
      { extends: true, test: { name: "browser", include: BROWSER, fileParallelism: false } },
      { extends: true, test: { name: "heavy", include: HEAVY, fileParallelism: false } },
    ],
  },
});
