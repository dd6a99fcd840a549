import { appendFileSync, readFileSync } from "node:fs";
import { beforeAll, expect } from "vitest";

/**
 * vitest setup file. With CRIER_TEST_CPU_LOG set (tests/setup/run-suite.ts sets it),
 * each test file's worker appends one JSON line there when it exits: the file, its wall
 * time, and the CPU seconds it and the processes it started and waited for (apps,
 * councils, Chromium, ffmpeg) used. The suite's budget is CPU on two cores, so this is
 * the figure to look at when the suite grows slow.
 */
const log = process.env.CRIER_TEST_CPU_LOG;
if (log) {
  const started = Date.now();
  let file = "";
  beforeAll(() => {
    file = expect.getState().testPath ?? "";
  });
  // vitest ends a file's worker with SIGTERM; the line is written, then the signal does what it would have.
  const onTerm = () => {
    write();
    process.kill(process.pid, "SIGTERM");
  };
  process.once("SIGTERM", onTerm);
  process.once("exit", () => {
    process.off("SIGTERM", onTerm);
    write();
  });
  let written = false;
  function write() {
    if (written) return;
    written = true;
    // /proc/self/stat fields 14-17: utime, stime, cutime, cstime in clock ticks (100 per second on Linux).
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
    const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((index) => Number(fields[index]) / 100);
    const line = { file, wallSeconds: (Date.now() - started) / 1000, selfCpuSeconds: utime! + stime!, childCpuSeconds: cutime! + cstime!, pid: process.pid };
    appendFileSync(log!, `${JSON.stringify(line)}\n`);
  }
}
