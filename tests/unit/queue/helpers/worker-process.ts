import { spawn } from "node:child_process";
import path from "node:path";

const SCRIPT = path.join(import.meta.dirname, "queue-worker.ts");

export interface WorkerProcess {
  /** Every message number it started, and handled, in order. */
  started: number[];
  handled: number[];
  /** Resolves when `test` holds for what it printed (rejects after `timeoutMs`, or if it exits first). */
  until(test: () => boolean, timeoutMs?: number): Promise<void>;
  /** SIGKILL, and wait for it to be gone. */
  kill(): Promise<void>;
}

/** Starts tests/unit/queue/helpers/queue-worker.ts (see there for the arguments). */
export async function startWorkerProcess(args: string[]): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [SCRIPT, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const started: number[] = [];
  const handled: number[] = [];
  let output = "";
  let isListening = false;
  let buffered = "";
  child.stdout.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    for (let end = buffered.indexOf("\n"); end >= 0; end = buffered.indexOf("\n")) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      const { event, n } = JSON.parse(line) as { event: string; n: number };
      if (event === "listening") isListening = true;
      if (event === "started") started.push(n);
      if (event === "handled") handled.push(n);
    }
  });
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const until = async (test: () => boolean, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!test()) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the worker process exited: ${output}`);
      if (Date.now() > deadline) throw new Error(`the worker process did not get there in ${timeoutMs} ms (started ${started}, handled ${handled}): ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  await until(() => isListening);
  return {
    started, handled, until,
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
  };
}
