import { DrainLoop, type DrainLoopOptions, type WorkerStatus } from "./drain-loop";

/** What both of Crier's queues offer besides Fedify's MessageQueue: their loops' health, and a way to stop them. */
export interface WorkerLoopControl {
  /** One entry per listen() running in this process. */
  getWorkers(): WorkerStatus[];
  /** Stops every loop: no new work is taken; tasks in hand finish, or are released after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** stop(), then closes what the queue opened itself (SQLite: its own connection); the database is the caller's to close. */
  close(): Promise<void>;
}

/** The loops one queue object runs (Fedify calls listen() once per startQueue). */
export class WorkerLoops {
  readonly #loops = new Set<DrainLoop<unknown>>();

  /** Runs a loop until `signal` aborts or stop() is called. */
  async run<Leased>(options: DrainLoopOptions<Leased>, signal?: AbortSignal): Promise<void> {
    const loop = new DrainLoop(options);
    this.#loops.add(loop as DrainLoop<unknown>);
    try {
      await loop.run(signal);
    } finally {
      this.#loops.delete(loop as DrainLoop<unknown>);
    }
  }

  getWorkers(): WorkerStatus[] {
    return [...this.#loops].map((loop) => loop.status);
  }

  async stop(graceMs?: number): Promise<void> {
    await Promise.all([...this.#loops].map((loop) => loop.stop(graceMs)));
  }
}
