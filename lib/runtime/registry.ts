// The one process-wide slot. Next bundles instrumentation and route handlers
// separately, so a module-level variable would exist once per bundle; every part of
// the process (store, event bus, federation, renderers, caches) lives here instead,
// in the order it was built, and stops in the reverse order.

const SLOT = Symbol.for("crier.runtime");

/** Thrown when something asks for a part after the process began shutting down. */
export class RuntimeStoppedError extends Error {
  override name = "RuntimeStoppedError";
}

interface Part {
  value: unknown;
  stop?: () => Promise<void> | void;
}

/**
 * How long stop() gives all parts together, unless told otherwise: with Next's own
 * clean-up after it (lib/runtime/signals.ts), the process is gone within the 10 s
 * that SIGTERM promises.
 */
export const STOP_BUDGET_MS = 8_000;

/** What one part did when the runtime stopped: how long it took, or that it ran out of time or failed. */
export interface PartStopReport { name: string; ms: number; outcome: "stopped" | "timed out" | "failed" }

/**
 * The parts of this process, built once each, in order, and stopped in reverse.
 * `signal` aborts the moment stopping begins, so long-lived work (the queue worker,
 * event streams, pre-rendering) stops taking more before anything is closed under it.
 */
export class Runtime {
  readonly #parts = new Map<string, Part>();
  readonly #shutdown = new AbortController();
  #stopping: Promise<PartStopReport[]> | null = null;

  /** Part names in the order they were built. */
  get partNames(): string[] {
    return [...this.#parts.keys()];
  }

  /** Aborts when the runtime begins to stop. */
  get signal(): AbortSignal {
    return this.#shutdown.signal;
  }

  get isStopping(): boolean {
    return this.#stopping !== null;
  }

  /** Whether a part has been built. */
  has(name: string): boolean {
    return this.#parts.has(name);
  }

  /**
   * The part called `name`, built by `build` the first time (with `stop` to undo it on
   * shutdown). Refused once stopping has begun: a part built then would never be stopped.
   */
  part<T>(name: string, build: () => T, stop?: (value: T) => Promise<void> | void): T {
    const existing = this.#parts.get(name);
    if (existing) return existing.value as T;
    if (this.#stopping) throw new RuntimeStoppedError(`Crier is shutting down; "${name}" is no longer available.`);
    const value = build();
    // A part that built others while it was being built comes after them.
    this.#parts.set(name, { value, stop: stop && (() => stop(value)) });
    return value;
  }

  /**
   * Stops every part, newest first, within `budgetMs` in all: a part that takes too long
   * is left and the next one stopped. Safe to call more than once: later calls wait for the first.
   */
  stop(budgetMs = STOP_BUDGET_MS): Promise<PartStopReport[]> {
    this.#stopping ??= this.#stopParts(budgetMs);
    return this.#stopping;
  }

  async #stopParts(budgetMs: number): Promise<PartStopReport[]> {
    this.#shutdown.abort(new RuntimeStoppedError("Crier is shutting down."));
    const deadline = Date.now() + budgetMs;
    const reports: PartStopReport[] = [];
    for (const [name, part] of [...this.#parts].reverse()) {
      if (!part.stop) continue;
      const started = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const outOfTime = new Promise<"timed out">((resolve) => {
        timer = setTimeout(() => resolve("timed out"), Math.max(0, deadline - Date.now()));
      });
      const outcome = await Promise.race([
        Promise.resolve().then(part.stop).then(() => "stopped" as const, () => "failed" as const),
        outOfTime,
      ]);
      clearTimeout(timer);
      reports.push({ name, ms: Date.now() - started, outcome });
    }
    return reports;
  }
}

/** This process's runtime (one per process, whichever bundle asks). */
export function getRuntime(): Runtime {
  const global = globalThis as { [SLOT]?: Runtime };
  return (global[SLOT] ??= new Runtime());
}

/** A process-wide part, kept in the runtime (see Runtime.part). */
export function getRuntimePart<T>(name: string, build: () => T, stop?: (value: T) => Promise<void> | void): T {
  return getRuntime().part(name, build, stop);
}
