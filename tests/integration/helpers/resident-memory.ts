import { readdirSync, readFileSync } from "node:fs";

/** A process's own and its descendants' pids (Linux /proc). */
function processTree(pid: number): number[] {
  const pids = [pid];
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return pids;
  }
  for (const task of tasks) {
    let children = "";
    try {
      children = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8");
    } catch {
      continue;
    }
    for (const child of children.split(" ").filter(Boolean)) pids.push(...processTree(Number(child)));
  }
  return pids;
}

/** Resident memory (VmRSS) in bytes of a process and everything it started. */
export function residentBytes(pid: number): number {
  let total = 0;
  for (const each of processTree(pid)) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${each}/status`, "utf8"));
      total += match ? Number(match[1]) * 1024 : 0;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** Samples residentBytes every `intervalMs` until stopped; answers the highest seen. */
export function samplePeakResident(pid: number, intervalMs = 20): { stop: () => number } {
  let peak = residentBytes(pid);
  const timer = setInterval(() => (peak = Math.max(peak, residentBytes(pid))), intervalMs);
  return { stop: () => (clearInterval(timer), Math.max(peak, residentBytes(pid))) };
}
