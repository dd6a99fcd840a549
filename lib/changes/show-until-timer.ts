import { getCrierLogger } from "../log";
import { getRuntimePart } from "../runtime/registry";
import { getStore } from "../store";
import type { Store } from "../store/types";
import { getAnnouncementChanges, type AnnouncementChanges } from "./announcement-changes";

// Public reads leave out an announcement once its show-until time has passed, but a
// screen only drops what it shows when it hears of it: this timer announces each end
// as it comes (one removal event per announcement), so screens, SSE clients and caches
// let it go at that moment rather than at their next poll.

const logger = getCrierLogger("changes");
/** Looks again at least this often: another instance may have set an end time (PostgreSQL). */
const MAX_SLEEP_MS = 30_000;

/** Wakes at the next show-until time and announces every end that has passed. */
export class ShowUntilTimer {
  readonly #store: Store;
  readonly #changes: AnnouncementChanges;
  #last = new Date().toISOString();
  #timer: NodeJS.Timeout | undefined;
  #isStopped = false;

  constructor(store: Store, changes: AnnouncementChanges) {
    this.#store = store;
    this.#changes = changes;
    this.reschedule();
  }

  /** Looks for the next end time again (call after an operator sets one). */
  reschedule(): void {
    void this.#schedule().catch((error) => logger.warn("Could not schedule show-until ends: {error}", { error }));
  }

  stop(): void {
    this.#isStopped = true;
    clearTimeout(this.#timer);
  }

  async #schedule(): Promise<void> {
    const next = await this.#store.moderation.getNextEnd(this.#last);
    if (this.#isStopped) return;
    const wait = next === null ? MAX_SLEEP_MS : Math.min(MAX_SLEEP_MS, Math.max(0, Date.parse(next) - Date.now()));
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#tick(), wait);
    this.#timer.unref();
  }

  async #tick(): Promise<void> {
    const now = new Date().toISOString();
    try {
      await this.#changes.endDue(this.#last, now);
      this.#last = now;
    } catch (error) {
      logger.warn("Could not announce show-until ends: {error}", { error });
    }
    if (!this.#isStopped) this.reschedule();
  }
}

/** The process's timer (started with the runtime). */
export function getShowUntilTimer(): ShowUntilTimer {
  return getRuntimePart("show-until-timer", () => new ShowUntilTimer(getStore(), getAnnouncementChanges()), (timer) => timer.stop());
}
