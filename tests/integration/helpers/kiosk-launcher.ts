import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./processes";

export const LAUNCHER = path.join(ROOT, "kiosk", "crier-kiosk");

/** The kiosk launcher running as a child process, with its log. */
export interface RunningLauncher {
  output: () => string;
  exited: Promise<number | null>;
  isRunning: () => boolean;
  /** PIDs of every Chromium it started, from its log, oldest first. */
  browserPids: () => number[];
  signal: (signal: NodeJS.Signals) => void;
}

/** Runs kiosk/crier-kiosk with only the given settings (plus PATH, HOME, and TMPDIR and TZ when set). */
export function startLauncher(env: Record<string, string>): RunningLauncher {
  // TMPDIR too: Chromium keeps its temporary directories there, and npm test removes its run's.
  const inherited: Record<string, string> = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/tmp", ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}) };
  if (process.env.TZ) inherited.TZ = process.env.TZ; // the daily reload time is local time
  const child = spawn(LAUNCHER, [], {
    cwd: ROOT,
    env: { ...inherited, ...env } as NodeJS.ProcessEnv, // only these: nothing from the test runner leaks in
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const append = (chunk: Buffer) => {
    log += chunk.toString();
    if (process.env.CRIER_TEST_VERBOSE) process.stderr.write(`[kiosk] ${chunk}`);
  };
  child.stdout.on("data", append);
  child.stderr.on("data", append);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    output: () => log,
    exited,
    isRunning: () => child.exitCode === null && child.signalCode === null,
    browserPids: () => [...log.matchAll(/started Chromium \(pid (\d+)\)/g)].map((match) => Number(match[1])),
    signal: (signal) => void child.kill(signal),
  };
}

function readProc(pid: string, file: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return null; // the process ended while we looked
  }
}

/** PIDs of live processes whose command line contains `needle`. */
export function findProcesses(needle: string): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => readProc(pid, "cmdline")?.includes(needle))
    .map(Number);
}

/** PIDs of live processes in process group `group`. */
export function findProcessGroup(group: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      const stat = readProc(pid, "stat");
      // Fields after the ")" that ends the command name: state, ppid, pgrp, …
      const fields = stat?.slice(stat.lastIndexOf(")") + 2).split(" ");
      return fields !== undefined && Number(fields[2]) === group && fields[0] !== "Z";
    })
    .map(Number);
}

/** The command line of `pid` as its arguments. */
export function commandLine(pid: number): string[] {
  return (readProc(String(pid), "cmdline") ?? "").split("\0").filter(Boolean);
}

/** Kills every process whose command line mentions `needle` (test teardown). */
export function killProcesses(needle: string): void {
  for (const pid of findProcesses(needle)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}
