import { EventEmitter } from "node:events";
import type { Announcement } from "../announcements/types";

export type AnnouncementEvent =
  | { type: "announcement.created" | "announcement.updated"; announcement: Announcement }
  | { type: "announcement.deleted"; id: string; uri: string };

export type SequencedEvent = AnnouncementEvent & { seq: number; at: string };

/** How many recent events a reconnecting client (Last-Event-ID) can replay. */
const REPLAY_SIZE = 500;

class EventBus {
  readonly #emitter = new EventEmitter();
  readonly #recent: SequencedEvent[] = [];
  // Sequence numbers start at the boot time so ids from a previous process never look newer.
  #seq = Date.now();

  constructor() {
    this.#emitter.setMaxListeners(0);
  }

  publish(event: AnnouncementEvent): SequencedEvent {
    const sequenced = { ...event, seq: ++this.#seq, at: new Date().toISOString() } as SequencedEvent;
    this.#recent.push(sequenced);
    if (this.#recent.length > REPLAY_SIZE) this.#recent.shift();
    this.#emitter.emit("event", sequenced);
    return sequenced;
  }

  /** Listens for events; returns the function that stops listening. */
  subscribe(listener: (event: SequencedEvent) => void): () => void {
    this.#emitter.on("event", listener);
    return () => this.#emitter.off("event", listener);
  }

  /** Events after a sequence number, or null when that point is no longer in the replay window. */
  replayAfter(seq: number): SequencedEvent[] | null {
    const first = this.#recent[0];
    if (!first || seq < first.seq - 1) return first ? null : [];
    return this.#recent.filter((event) => event.seq > seq);
  }
}

const KEY = Symbol.for("crier.eventBus");

/** The process-wide event bus (on globalThis: Next may bundle this module more than once). */
export function getEventBus(): EventBus {
  const global = globalThis as { [KEY]?: EventBus };
  return (global[KEY] ??= new EventBus());
}
