import path from "node:path";
import { Worker } from "node:worker_threads";
import type { SlideContent, SlideImage } from "./slide-content.ts";
import type { SlideOptions } from "./slide-themes.ts";
import type { SlideJob, SlideJobResult } from "./slide-worker.ts";
import { getRuntimePart } from "../runtime/registry.ts";

// One render worker per process, fed one job at a time: requests a screen is waiting
// for go before pre-renders. A job that hangs is ended by restarting the worker.
// Both queues are bounded: past them a request is refused at once (503 and a retry
// hint) rather than waiting behind minutes of work. A job whose every asker left is
// dropped before it starts, or stopped at the worker's next check if it is running.

const JOB_TIMEOUT_MS = 30_000;
/** Slides screens are waiting for, beyond the one rendering. Each is up to a second of CPU. */
export const MAX_URGENT_WAITING = 8;
/** Pre-renders waiting (MAX_BACKGROUND_SLIDES announcements × their sizes, with room). */
export const MAX_BACKGROUND_WAITING = 64;
// Resolved at run time from the project root (Next runs from it); Turbopack must not
// bundle the worker, which Node loads with type stripping.
const WORKER_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib", "render", "slide-worker.ts");

/** Thrown when the render queue is full; the route answers 503 with Retry-After. */
export class SlideQueueFullError extends Error {
  override name = "SlideQueueFullError";
}

/** Thrown to a job's asker when the job was given up because nobody waits for it any more. */
export class SlideAbandonedError extends Error {
  override name = "SlideAbandonedError";
}

// By name, not instanceof: the pool is built in one bundle (instrumentation's) and its
// errors reach routes in another, each with its own copy of these classes.
/** Whether `error` is a SlideQueueFullError (from whichever bundle built the pool). */
export function isSlideQueueFull(error: unknown): error is SlideQueueFullError {
  return error instanceof Error && error.name === "SlideQueueFullError";
}

/** Whether `error` is a SlideAbandonedError (from whichever bundle built the pool). */
export function isSlideAbandoned(error: unknown): error is SlideAbandonedError {
  return error instanceof Error && error.name === "SlideAbandonedError";
}

interface Pending { job: SlideJob; resolve: (png: Buffer) => void; reject: (error: Error) => void; signal?: AbortSignal }

/** What the pool has done with jobs nobody waited for, and refused; for /api/health. */
export interface SlidePoolCounts { abandoned: number; refused: number }

class SlidePool {
  #worker: Worker | null = null;
  #nextId = 1;
  #urgent: Pending[] = [];
  #background: Pending[] = [];
  #running: (Pending & { timer: NodeJS.Timeout }) | null = null;
  readonly counts: SlidePoolCounts = { abandoned: 0, refused: 0 };
  #isStopped = false;

  /** Renders in the worker; `signal` aborting means nobody wants the result any more. */
  render(content: SlideContent, options: SlideOptions, image: SlideImage | null, isUrgent: boolean, signal?: AbortSignal): Promise<Buffer> {
    if (this.#isStopped) return Promise.reject(new SlideQueueFullError("The slide renderer has stopped (Crier is shutting down)."));
    const queue = isUrgent ? this.#urgent : this.#background;
    if (queue.length >= (isUrgent ? MAX_URGENT_WAITING : MAX_BACKGROUND_WAITING)) {
      this.counts.refused++;
      return Promise.reject(new SlideQueueFullError("Too many slide images are being drawn right now; try again in a few seconds."));
    }
    if (signal?.aborted) {
      this.counts.abandoned++;
      return Promise.reject(new SlideAbandonedError("Nobody waits for this slide any more."));
    }
    return new Promise((resolve, reject) => {
      // The worker reads this flag between layout passes to stop a job nobody waits for.
      const cancel = new Int32Array(new SharedArrayBuffer(4));
      const pending: Pending = { job: { id: this.#nextId++, content, options, image, cancel }, resolve, reject, signal };
      queue.push(pending);
      signal?.addEventListener("abort", () => this.#abandon(pending), { once: true });
      this.#pump();
    });
  }

  /** Ends the worker thread and fails every job waiting or running (shutdown). */
  async stop(): Promise<void> {
    this.#isStopped = true;
    const error = new SlideAbandonedError("The slide renderer stopped (Crier is shutting down).");
    for (const pending of [...this.#urgent.splice(0), ...this.#background.splice(0)]) pending.reject(error);
    const worker = this.#worker;
    this.#worker = null;
    this.#fail(error, false);
    await worker?.terminate();
  }

  get queued(): number {
    return this.#urgent.length + this.#background.length + (this.#running ? 1 : 0);
  }

  #abandon(pending: Pending): void {
    const queue = [this.#urgent, this.#background].find((candidate) => candidate.includes(pending));
    const isRunning = this.#running?.job.id === pending.job.id;
    if (!queue && !isRunning) return; // already done
    this.counts.abandoned++;
    pending.reject(new SlideAbandonedError("Nobody waits for this slide any more."));
    if (queue) queue.splice(queue.indexOf(pending), 1);
    // Running: the worker stops at its next check and answers; the pool then moves on.
    else Atomics.store(pending.job.cancel, 0, 1);
  }

  #pump(): void {
    if (this.#running) return;
    const next = this.#urgent.shift() ?? this.#background.shift();
    if (!next) return;
    const worker = this.#getWorker();
    const timer = setTimeout(() => this.#fail(new Error(`Rendering the slide took longer than ${JOB_TIMEOUT_MS / 1000} s.`), true), JOB_TIMEOUT_MS);
    this.#running = { ...next, timer };
    worker.postMessage(next.job);
  }

  #getWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(WORKER_FILE);
    worker.unref();
    worker.on("message", (result: SlideJobResult) => {
      const running = this.#running;
      if (!running || running.job.id !== result.id) return;
      clearTimeout(running.timer);
      this.#running = null;
      if ("error" in result) running.reject(new Error(result.error));
      else running.resolve(Buffer.from(result.png.buffer, result.png.byteOffset, result.png.byteLength));
      this.#pump();
    });
    worker.on("error", (error) => this.#fail(error, false));
    worker.on("exit", () => {
      if (this.#worker === worker) this.#worker = null;
      this.#fail(new Error("The slide renderer stopped."), false);
    });
    this.#worker = worker;
    return worker;
  }

  #fail(error: Error, isHung: boolean): void {
    const running = this.#running;
    if (isHung && this.#worker) {
      const worker = this.#worker;
      this.#worker = null;
      void worker.terminate();
    }
    if (!running) return;
    clearTimeout(running.timer);
    this.#running = null;
    running.reject(error);
    this.#pump();
  }
}

/** The process-wide render worker (kept in the runtime: Next may bundle this module more than once). */
export function getSlidePool(): SlidePool {
  return getRuntimePart("slide-pool", () => new SlidePool(), (pool) => pool.stop());
}
