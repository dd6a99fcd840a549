import path from "node:path";
import { Worker } from "node:worker_threads";
import type { SpeechPlan } from "./render-audio.ts";
import type { SpeechJob, SpeechJobResult } from "./speech-worker.ts";
import { getRuntimePart } from "../runtime/registry.ts";

const JOB_TIMEOUT_MS = 60_000;
// Resolved at run time from the project root (Next runs from it); Turbopack must not
// bundle the worker, which Node loads with type stripping.
const WORKER_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib", "speech", "speech-worker.ts");

interface Pending { resolve: (result: SpeechRendered) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }
export interface SpeechRendered { mp3: Uint8Array; gainDb: number; seconds: number }

class SpeechWorker {
  #worker: Worker | null = null;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  #isStopped = false;

  render(plan: Extract<SpeechPlan, { kind: "server" }>): Promise<SpeechRendered> {
    if (this.#isStopped) return Promise.reject(new Error("The speech worker has stopped (Crier is shutting down)."));
    const worker = this.#getWorker();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.#restart(new Error(`Speaking took longer than ${JOB_TIMEOUT_MS / 1000} s.`)), JOB_TIMEOUT_MS);
      this.#pending.set(id, { resolve, reject, timer });
      worker.postMessage({ id, plan } satisfies SpeechJob);
    });
  }

  #getWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(WORKER_FILE);
    worker.unref();
    worker.on("message", (result: SpeechJobResult) => {
      const pending = this.#pending.get(result.id);
      if (!pending) return;
      this.#pending.delete(result.id);
      clearTimeout(pending.timer);
      if ("error" in result) pending.reject(new Error(result.error));
      else pending.resolve({ mp3: result.mp3, gainDb: result.gainDb, seconds: result.seconds });
    });
    worker.on("error", (error) => this.#restart(error));
    worker.on("exit", () => {
      if (this.#worker === worker) this.#restart(new Error("The speech worker stopped."));
    });
    this.#worker = worker;
    return worker;
  }

  /** Ends the worker thread and fails what is in flight (shutdown). */
  async stop(): Promise<void> {
    this.#isStopped = true;
    const worker = this.#worker;
    this.#restart(new Error("The speech worker stopped (Crier is shutting down)."));
    await worker?.terminate();
  }

  /** Fails what is in flight and starts afresh on the next job (a hung or crashed worker). */
  #restart(error: Error): void {
    const worker = this.#worker;
    this.#worker = null;
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.#pending.clear();
    void worker?.terminate();
  }
}

/** The process's speech worker (its thread starts on the first job). */
export function getSpeechPool(): SpeechWorker {
  return getRuntimePart("speech-pool", () => new SpeechWorker(), (worker) => worker.stop());
}

/** Speaks a planned script in the process's speech worker thread (started on first use). */
export function renderSpeechInWorker(plan: Extract<SpeechPlan, { kind: "server" }>): Promise<SpeechRendered> {
  return getSpeechPool().render(plan);
}
