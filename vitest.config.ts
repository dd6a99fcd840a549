import path from "node:path";
import { defineConfig } from "vitest/config";

const ALL = ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/security/**/*.test.ts", "tests/e2e/**/*.test.ts", "tests/reliability/**/*.test.ts"];

// Every test file allocates its own ports (getFreePort), data directories (makeTempDir)
// and PostgreSQL cluster or database, so files can run side by side. Some run one at a
// time instead (`npm test`, tests/setup/run-suite.ts, schedules the lanes): BROWSER and
// CONSOLE (Chromium), RELIABILITY (1,000 SSE screens, SIGTERM, the PostgreSQL flood), FLOOD (the
// 10,000-activity SQLite flood), ENDURANCE (kills and faults) and LONG_RUN (the accelerated months-long
// signage run) files keep a core busy or wait for minutes but assert no time bound: each
// lane one file at a time, beside each other and the parallel lane, split so that no lane
// is much longer than the rest (npm test prints each file's CPU and wall time). TIMED
// files assert a time bound from the issues ("within 1 s", "within 2 s") or measure
// growth (regex-fuzz): one at a time, after the rest, on a quiet machine.
const TIMED = [
  "tests/e2e/signage.test.ts",
  // The key plays the slide's audio "within 1 s".
  "tests/e2e/signage-listen.test.ts",
  "tests/integration/scale-out.test.ts",
  "tests/integration/slide-limits.test.ts",
  "tests/integration/speech-limits.test.ts",
  // Waits 15 s for background speech synthesis, which a CPU shared with other files can miss.
  "tests/integration/speech.test.ts",
  "tests/integration/slides.test.ts",
  "tests/unit/tooling/regex-fuzz.test.ts",
  // Exits within 10 s of SIGTERM; health turning degraded and back while another process holds the database lock.
  "tests/integration/shutdown.test.ts",
  "tests/integration/queue-worker-health.test.ts",
  // An operator's hide leaves a live signage page within 2 s (measured in Chromium).
  "tests/e2e/admin-console.test.ts",
];
const ENDURANCE = ["tests/reliability/faults.test.ts"];
const LONG_RUN = ["tests/e2e/signage-long-run.test.ts"];
const BROWSER = ["tests/e2e/**/*.test.ts"];
// Chromium on the console and the offline kiosk: a lane of its own beside the reader pages'.
const CONSOLE = ["tests/e2e/admin-*.test.ts", "tests/e2e/signage-offline.test.ts"];
const RELIABILITY = ["tests/reliability/**/*.test.ts"];
// The 10,000-activity flood on SQLite: a lane of its own (the PostgreSQL flood runs in the reliability lane).
const FLOOD = ["tests/reliability/inbox-flood.test.ts"];

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    // CRIER_TEST_BACKEND=postgres: one PostgreSQL for the run, and every started app on it.
    globalSetup: ["tests/setup/global-postgres.ts"],
    setupFiles: ["tests/setup/cpu-per-file.ts"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    projects: [
      // Mostly waiting on child processes and timers (the suite's files use about a
      // third of two cores on average), so more files than cores.
      { extends: true, test: { name: "parallel", include: ALL, exclude: [...BROWSER, ...RELIABILITY, ...TIMED], maxWorkers: 3 } },
      // Chromium steps on a machine the other lanes keep busy take several times as long as
      // on a quiet one (a reader page's axe run on six pages took 30 s on CI's): these lanes
      // assert no time bound, so their tests get twice the default.
      { extends: true, test: { name: "browser", include: BROWSER, exclude: [...TIMED, ...CONSOLE, ...LONG_RUN], fileParallelism: false, testTimeout: 120_000 } },
      { extends: true, test: { name: "console", include: CONSOLE, exclude: TIMED, fileParallelism: false, testTimeout: 120_000 } },
      { extends: true, test: { name: "reliability", include: RELIABILITY, exclude: [...TIMED, ...ENDURANCE, ...FLOOD], fileParallelism: false } },
      { extends: true, test: { name: "flood", include: FLOOD, exclude: TIMED, fileParallelism: false } },
      { extends: true, test: { name: "endurance", include: ENDURANCE, exclude: TIMED, fileParallelism: false } },
      { extends: true, test: { name: "long-run", include: LONG_RUN, exclude: TIMED, fileParallelism: false } },
      { extends: true, test: { name: "timed", include: TIMED, fileParallelism: false } },
    ],
  },
});
