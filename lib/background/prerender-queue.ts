import type { Logger } from "@logtape/logtape";
import type { Announcement } from "../announcements/types";
import type { EventBus } from "../events/bus";

/** What a pre-renderer does with the bus's events; `signal` aborts when it stops. */
export interface PrerenderWork {
  /** Makes an announcement's renderings ahead of any request (after its creation or edit). */
  render: (announcement: Announcement, signal: AbortSignal) => Promise<void>;
  /** Tidies what an edit made stale, before the new renderings are made (at once, never skipped). */
  onUpdated?: (announcement: Announcement) => void | Promise<void>;
  /** Removes a deleted announcement's renderings (at once, never skipped). */
  onDeleted: (id: string) => void | Promise<void>;
}

/**
 * Background work that follows the event bus: renders announcements as they arrive or
 * change, and removes their renderings when they go. Pre-rendering is a head start,
 * not a promise: past `maxBacklog` announcements waiting (a flood of posts, a long
 * backfill), new arrivals are counted as skipped and left to render when first asked
 * for, so a burst can never queue hours of CPU work or starve the requests.
 */
export class PrerenderQueue {
  readonly #what: string;
  readonly #maxBacklog: number;
  readonly #logger: Logger;
  readonly #work: PrerenderWork;
  readonly #stopping = new AbortController();
  #unsubscribe: (() => void) | null = null;
  readonly #running = new Set<Promise<void>>();
  #skipped = 0;

  /** `what` names the renderings in log lines ("slides", "audio"). */
  constructor(options: { what: string; maxBacklog: number; logger: Logger; work: PrerenderWork }) {
    this.#what = options.what;
    this.#maxBacklog = options.maxBacklog;
    this.#logger = options.logger;
    this.#work = options.work;
  }

  /** Announcements being rendered ahead, or waiting to be. */
  get backlog(): number {
    return this.#running.size;
  }

  /** Announcements left to render on request because the backlog was full. */
  get skipped(): number {
    return this.#skipped;
  }

  /** Starts following `bus` (once). */
  start(bus: EventBus): void {
    if (this.#unsubscribe || this.#stopping.signal.aborted) return;
    this.#unsubscribe = bus.subscribe((event) => {
      if (event.type === "screen.changed") return;
      if (event.type === "announcement.deleted") return this.#tidy(() => this.#work.onDeleted(event.id), event.id);
      if (event.type === "announcement.updated") this.#tidy(() => this.#work.onUpdated?.(event.announcement), event.announcement.id);
      this.#enqueue(event.announcement);
    });
  }

  /**
   * Stops following the bus and tells running work to give up; waits up to `graceMs`
   * for it to settle (what is left stops with the render workers, which stop next).
   */
  async stop(graceMs = 1_000): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#stopping.abort();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(this.#running),
      new Promise((resolve) => (timer = setTimeout(resolve, graceMs))),
    ]);
    clearTimeout(timer);
  }

  #tidy(task: () => void | Promise<void>, id: string): void {
    const warn = (error: unknown) => this.#logger.warn("Could not remove old {what} of {id}: {error}", { what: this.#what, id, error });
    try {
      void Promise.resolve(task()).catch(warn);
    } catch (error) {
      warn(error);
    }
  }

  /** Renders an announcement again in the background (e.g. its speech after a lexicon edit); skipped like any arrival when the backlog is full. */
  renderAgain(announcement: Announcement): void {
    if (!this.#stopping.signal.aborted) this.#enqueue(announcement);
  }

  #enqueue(announcement: Announcement): void {
    if (this.#running.size >= this.#maxBacklog) {
      this.#skipped++;
      this.#logger.debug("Background {what} queue full; {id} will render when first asked for.", { what: this.#what, id: announcement.id });
      return;
    }
    const job: Promise<void> = this.#work.render(announcement, this.#stopping.signal)
      .catch((error) => {
        // Work cut short by shutdown is not a failure worth a warning.
        if (this.#stopping.signal.aborted) return;
        this.#logger.warn("Making {what} of {id} in the background failed: {error}", { what: this.#what, id: announcement.id, error });
      })
      .finally(() => this.#running.delete(job));
    this.#running.add(job);
  }
}
