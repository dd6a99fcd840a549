// Runs the whole suite in two phases of vitest runs (lanes are vitest.config.ts's
// projects): first the "parallel" lane (most files, three at a time) beside the lanes
// that take one file at a time: "browser" (reader pages in Chromium), "console" (the
// console and the offline kiosk in Chromium), "reliability" (load, SIGTERM, the PostgreSQL flood), "flood" (the
// 10,000-activity SQLite flood), "endurance" (kills and faults) and "long-run" (the accelerated
// months-long kiosk);
// then the "timed" lane (files that assert a time bound, one at a time) on its own, so no
// neighbour can break a bound. One vitest run cannot run a one-worker project beside the
// others: it runs them afterwards.
// Arguments are passed to every run (a file filter, --reporter, …).
// Usage: node tests/setup/run-suite.ts [vitest arguments]
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";

const ROOT = path.resolve(import.meta.dirname, "../..");
const VITEST = path.join(ROOT, "node_modules/vitest/vitest.mjs");
// Longest first: each lane starts LANE_STAGGER_MS after the one before.
const PHASES = [["flood", "parallel", "endurance", "browser", "long-run", "console", "reliability"], ["timed"]];
const LANE_STAGGER_MS = 10_000;
// The run's reports: every file's CPU seconds (its worker writes them, tests/setup/cpu-per-file.ts)
// and each lane's JSON report.
const reportDir = mkdtempSync(path.join(tmpdir(), "crier-suite-"));
// What the files leave in the temporary directory (apps' and councils' data directories,
// PostgreSQL clusters, browser profiles: 130–136 MB a run here) goes under one directory
// (TMPDIR for every lane), removed when the run passes and kept for a look when it fails,
// so a contributor's /tmp does not fill up run after run.
const runTmpDir = mkdtempSync(path.join(tmpdir(), "crier-tests-"));
chmodSync(runTmpDir, 0o755); // the test PostgreSQL server runs as its own user and keeps its cluster in here
const CPU_LOG = path.join(reportDir, "cpu.jsonl");
let interrupted = false;

interface LaneResult {
  lane: string;
  code: number;
  seconds: number;
}

function runLane(lane: string, args: string[]): Promise<LaneResult> {
  const started = Date.now();
  // Besides the console reporter, a JSON report, from which the end of the output
  // repeats what failed (CI shows only the end of a long output).
  const reporters = args.some((arg) => arg.startsWith("--reporter")) ? [] : ["--reporter=default"];
  reporters.push("--reporter=json", `--outputFile.json=${reportPath(lane)}`);
  const child = spawn(process.execPath, [VITEST, "run", "--project", lane, "--passWithNoTests", ...reporters, ...args], {
    cwd: ROOT,
    env: { ...process.env, CRIER_TEST_CPU_LOG: CPU_LOG, TMPDIR: runTmpDir, CRIER_TEST_IDENTITY_PARENT: tmpdir() },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Whole lines with the lane's name, so the runs' output can be told apart.
  const prefix = `${lane.padEnd(11)}| `;
  createInterface({ input: child.stdout! }).on("line", (line) => process.stdout.write(`${prefix}${line}\n`));
  createInterface({ input: child.stderr! }).on("line", (line) => process.stderr.write(`${prefix}${line}\n`));
  const stop = (signal: NodeJS.Signals) => {
    interrupted = true;
    child.kill(signal);
  };
  process.once("SIGINT", stop).once("SIGTERM", stop);
  return new Promise((resolve) => {
    child.on("exit", (code, signal) => resolve({ lane, code: code ?? (signal ? 1 : 0), seconds: (Date.now() - started) / 1000 }));
  });
}

const started = Date.now();
const results: LaneResult[] = [];
for (const lanes of PHASES) {
  if (interrupted) break;
  // Each lane starts a little after the one before: starting every lane's first apps,
  // councils and browsers at the same moment left a council unable to start within 60 s.
  results.push(...(await Promise.all(lanes.map(async (lane, index) => {
    await new Promise((resolve) => setTimeout(resolve, index * LANE_STAGGER_MS));
    return interrupted ? { lane, code: 1, seconds: 0 } : runLane(lane, process.argv.slice(2));
  }))));
}
printCpuFigures();
for (const { lane, code } of results) if (code !== 0) printFailures(lane);
rmSync(reportDir, { recursive: true, force: true });
const hasFailed = results.some((result) => result.code !== 0);
const tmpMegabytes = spawnSync("du", ["-sm", runTmpDir], { encoding: "utf8" }).stdout.split("\t")[0] || "?";
if (hasFailed) console.log(`== the files' temporary directories (${tmpMegabytes} MB) are kept in ${runTmpDir}: remove it when done`);
else {
  try {
    rmSync(runTmpDir, { recursive: true, force: true, maxRetries: 3 });
    console.log(`== the files' temporary directories (${tmpMegabytes} MB) were removed`);
  } catch (error) {
    console.log(`== could not remove ${runTmpDir} (${tmpMegabytes} MB): ${(error as Error).message}`);
  }
}
for (const { lane, code, seconds } of results) {
  console.log(`== lane ${lane}: ${code === 0 ? "passed" : `FAILED (exit code ${code})`} in ${(seconds / 60).toFixed(1)} min`);
}
console.log(`== whole suite: ${((Date.now() - started) / 60_000).toFixed(1)} min`);
process.exit(hasFailed ? 1 : 0);

/** The files that used the most CPU (the suite's budget on two cores), and the total. */
function printCpuFigures(): void {
  let lines: { file: string; wallSeconds: number; selfCpuSeconds: number; childCpuSeconds: number }[] = [];
  try {
    lines = readFileSync(CPU_LOG, "utf8").trim().split("\n").filter(Boolean).map((line) => JSON.parse(line));
  } catch {
    return;
  }
  const cpu = (line: (typeof lines)[number]) => line.selfCpuSeconds + line.childCpuSeconds;
  const total = lines.reduce((sum, line) => sum + cpu(line), 0);
  console.log(`== CPU: ${(total / 60).toFixed(1)} min over ${lines.length} files (the workers and the apps, councils, browsers and encoders they started); the most:`);
  for (const line of lines.sort((a, b) => cpu(b) - cpu(a)).slice(0, 15)) {
    console.log(`   ${cpu(line).toFixed(0).padStart(5)} s CPU, ${line.wallSeconds.toFixed(0).padStart(4)} s wall  ${path.relative(ROOT, line.file)}`);
  }
}

function reportPath(lane: string): string {
  return path.join(reportDir, `${lane}.json`);
}

interface JsonReport {
  testResults: { name: string; status: string; message: string; assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[];
}

/** Each failed file and test of a lane, with the lines of its error that say most. */
function printFailures(lane: string): void {
  // A long message (a test that puts a process's log into its assertion) keeps its first
  // lines and its last ones, where the log ends and the assertion says what it expected.
  const errorLines = (text: string) => {
    const lines = text.replace(/\x1b\[[0-9;]*m/g, "").split("\n").filter((line) => line.trim() && !/^\s*at .*(node_modules|node:internal|<anonymous>)/.test(line));
    const shown = lines.length <= 16 ? lines : [...lines.slice(0, 2), `… ${lines.length - 15} lines …`, ...lines.slice(-13)];
    return shown.map((line) => `       ${line.slice(0, 300)}`).join("\n");
  };
  let report: JsonReport;
  try {
    report = JSON.parse(readFileSync(reportPath(lane), "utf8"));
  } catch {
    console.log(`== lane ${lane} failed and wrote no report (it did not finish); its own output above says why`);
    return;
  }
  console.log(`== lane ${lane}: what failed`);
  for (const file of report.testResults.filter((result) => result.status !== "passed")) {
    console.log(`   ${path.relative(ROOT, file.name)}`);
    if (file.message) console.log(errorLines(file.message));
    for (const test of file.assertionResults.filter((result) => result.status === "failed")) {
      console.log(`     × ${test.fullName}`);
      for (const message of test.failureMessages.slice(0, 1)) console.log(errorLines(message));
    }
  }
}
