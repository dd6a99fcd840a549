import type { EventEmitter } from "node:events";

/** What GET /api/health says about one worker loop. */
export interface WorkerStatus {
  /**
   * "running": it takes work; "failing": taking work failed and it is backing off to try again;
   * "stalled": asking the database for work has not come back for a long time (a hung connection);
   * "stopped": it ended.
   */
  state: "running" | "failing" | "stalled" | "stopped";
  /** Whether the loop still runs (running or failing); only a running one gets work done. */
  isAlive: boolean;
  /** Since when it has been handling the message in hand (ISO time), or null between messages. */
  handlingSince: string | null;
  /** When it last took a message (ISO time), or null. */
  lastTookWorkAt: string | null;
  /** When it last asked the database for work, successfully or not (ISO time), or null. */
  lastCheckedAt: string | null;
  /** Errors taking work in a row (0 once taking work succeeds again), and the last one. */
  failures: number;
  lastError?: string;
}

export interface DrainLoopOptions<Leased> {
  takeNext: () => Promise<Leased | undefined> | Leased | undefined;
  handle: (leased: Leased) => Promise<void>;
  /** Gives a leased message back (stop() ran out of patience): another worker, or the next start, takes it at once. */
  release: (leased: Leased) => Promise<void> | void;
  /** Emits "enqueue" with the new message's delay in ms. */
  wakeups: EventEmitter;
  pollMs: number;
  /** Waits after an error taking work: doubling from the first to the second, so a broken database is not hammered. */
  backoffMs: readonly [first: number, max: number];
  /** Told of each error taking work (to log it, or reopen a connection) before the loop backs off. */
  onError: (error: unknown, failures: number) => Promise<void> | void;
  /** How long asking for work may go unanswered before the loop counts as stalled (default 60 s). */
  stallMs?: number;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });

/**
 * The listening loop both queues share: take and handle messages one at a time until
 * none is due, then wait for an enqueue (the `wakeups` emitter) or the poll interval.
 * An error taking work never ends it: it is reported, the loop backs off and tries
 * again, and `status` says so meanwhile. `stop()` (or the `signal` given to `run`)
 * ends it: no new work is taken, and the task in hand finishes or is released.
 */
export class DrainLoop<Leased> {
  readonly #options: DrainLoopOptions<Leased>;
  readonly #stopping = new AbortController();
  #inHand: { leased: Leased; done: Promise<void> } | undefined;
  /** Resolved by stop() once it released the task in hand: the loop stops waiting for that handler. */
  #abandon: () => void = () => {};
  readonly #abandoned = new Promise<void>((resolve) => (this.#abandon = resolve));
  #hasMissedWakeup = false;
  #finished: Promise<void> | undefined;
  #status: WorkerStatus = { state: "running", isAlive: true, handlingSince: null, lastTookWorkAt: null, lastCheckedAt: null, failures: 0 };
  /** When the loop began asking for work and has not had an answer yet, or undefined. */
  #askingSince: number | undefined;

  constructor(options: DrainLoopOptions<Leased>) {
    this.#options = options;
  }

  get status(): WorkerStatus {
    const isStalled = this.#askingSince !== undefined && Date.now() - this.#askingSince > (this.#options.stallMs ?? 60_000);
    return isStalled && this.#status.state !== "stopped" ? { ...this.#status, state: "stalled" } : { ...this.#status };
  }

  /** Runs until stop() or `signal` aborts; resolves once the loop has ended. */
  run(signal?: AbortSignal): Promise<void> {
    signal?.addEventListener("abort", () => void this.stop(), { once: true });
    if (signal?.aborted) void this.stop();
    this.#finished ??= this.#loop();
    return this.#finished;
  }

  /**
   * Stops taking work. Resolves when the task in hand has finished or, after `graceMs`,
   * has been released for another worker (the handler itself cannot be cancelled; its
   * work is idempotent, so running it again is harmless).
   */
  async stop(graceMs = 5_000): Promise<void> {
    this.#stopping.abort();
    const inHand = this.#inHand;
    if (inHand) {
      let timer: NodeJS.Timeout | undefined;
      const isDone = await Promise.race([
        inHand.done.then(() => true),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
      ]);
      clearTimeout(timer);
      if (!isDone) {
        await this.#options.release(inHand.leased);
        this.#abandon();
      }
    }
    // A loop stuck asking a hung database for work is not waited for longer than the grace period.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.#finished?.catch(() => {}), new Promise((resolve) => (timer = setTimeout(resolve, graceMs)))]);
    clearTimeout(timer);
  }

  async #loop(): Promise<void> {
    const { wakeups, pollMs } = this.#options;
    const signal = this.#stopping.signal;
    // A wake-up during a drain makes it go round once more, so no message waits for the next poll.
    let wakeController = new AbortController();
    const onEnqueue = (delayMs: number) => {
      setTimeout(() => {
        this.#hasMissedWakeup = true;
        wakeController.abort();
      }, delayMs).unref?.();
    };
    wakeups.on("enqueue", onEnqueue);
    try {
      while (!signal.aborted) {
        const hasFailed = !(await this.#drain(signal));
        if (signal.aborted) break;
        if (this.#hasMissedWakeup && !hasFailed) continue;
        wakeController = new AbortController();
        const waitMs = hasFailed ? this.#backoffMs() : pollMs;
        await sleep(waitMs, AbortSignal.any([signal, ...(hasFailed ? [] : [wakeController.signal])]));
      }
    } finally {
      wakeups.off("enqueue", onEnqueue);
      this.#status = { ...this.#status, state: "stopped", isAlive: false };
    }
  }

  /** Takes and handles due messages until none is left; false when taking work failed. */
  async #drain(signal: AbortSignal): Promise<boolean> {
    this.#hasMissedWakeup = false;
    try {
      while (!signal.aborted) {
        this.#askingSince = Date.now();
        const leased = await this.#options.takeNext();
        this.#askingSince = undefined;
        const now = new Date().toISOString();
        this.#status = {
          state: "running", isAlive: true, handlingSince: leased ? now : null,
          lastTookWorkAt: leased ? now : this.#status.lastTookWorkAt, lastCheckedAt: now, failures: 0,
        };
        if (!leased) return true;
        const done = this.#options.handle(leased);
        this.#inHand = { leased, done: done.catch(() => {}) };
        try {
          await Promise.race([done, this.#abandoned]);
        } finally {
          this.#inHand = undefined;
          this.#status = { ...this.#status, handlingSince: null };
        }
      }
      return true;
    } catch (error) {
      this.#askingSince = undefined;
      const failures = this.#status.failures + 1;
      this.#status = {
        ...this.#status, state: "failing", isAlive: true, lastCheckedAt: new Date().toISOString(), failures,
        lastError: error instanceof Error ? error.message : String(error),
      };
      await Promise.resolve(this.#options.onError(error, failures)).catch(() => {});
      return false;
    }
  }

  #backoffMs(): number {
    const [first, max] = this.#options.backoffMs;
    return Math.min(max, first * 2 ** Math.min(20, this.#status.failures - 1));
  }
}
