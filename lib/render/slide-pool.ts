import path from "node:path";
import { Worker } from "node:worker_threads";
import type { SlideContent, SlideImage } from "./slide-content.ts";
import type { SlideOptions } from "./slide-themes.ts";
import type { SlideJob, SlideJobResult } from "./slide-worker.ts";

// One render worker per process, fed one job at a time: requests a screen is waiting
// for go before pre-renders. A job that hangs is ended by restarting the worker.

const JOB_TIMEOUT_MS = 30_000;
// Resolved at run time from the project root (Next runs from it); Turbopack must not
// bundle the worker, which Node loads with type stripping.
const WORKER_FILE = path.join(/*turbopackIgnore: true*/ process.cwd(), "lib", "render", "slide-worker.ts");

interface Pending { job: SlideJob; resolve: (png: Buffer) => void; reject: (error: Error) => void }

class SlidePool {
  #worker: Worker | null = null;
  #nextId = 1;
  #urgent: Pending[] = [];
  #background: Pending[] = [];
  #running: (Pending & { timer: NodeJS.Timeout }) | null = null;

  render(content: SlideContent, options: SlideOptions, image: SlideImage | null, isUrgent: boolean): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const pending = { job: { id: this.#nextId++, content, options, image }, resolve, reject };
      (isUrgent ? this.#urgent : this.#background).push(pending);
      this.#pump();
    });
  }

  get queued(): number {
    return this.#urgent.length + this.#background.length + (this.#running ? 1 : 0);
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

const KEY = Symbol.for("crier.slidePool");

/** The process-wide render worker (on globalThis: Next may bundle this module more than once). */
export function getSlidePool(): SlidePool {
  const global = globalThis as { [KEY]?: SlidePool };
  return (global[KEY] ??= new SlidePool());
}
