import { EventEmitter } from "node:events";
import type { Announcement } from "../announcements/types";
import { getRuntimePart } from "../runtime/registry";

export type AnnouncementEvent =
  | { type: "announcement.created" | "announcement.updated"; announcement: Announcement }
  | { type: "announcement.deleted"; id: string; uri: string };

/**
 * A screen's settings changed, or an operator asked its devices to reload: its pages
 * fetch the feed (which carries the settings) and, on `reload`, send a heartbeat at once,
 * whose answer says whether this device is to reload (the heartbeat stays the authority).
 */
export type ScreenChangeEvent = { type: "screen.changed"; screen: string; reload: boolean };

export type BusEvent = AnnouncementEvent | ScreenChangeEvent;

export type SequencedEvent = BusEvent & { seq: number; at: string };

/** How many recent events a reconnecting client (Last-Event-ID) can replay. */
const REPLAY_SIZE = 500;
/** Sequence numbers are `clock * NODE_SLOTS + node`, so instances sharing a database never hand out the same one. */
const NODE_SLOTS = 1000;

/** Live events of one process (announcements, screens); one per process (getEventBus), separate ones only in tests. */
export class EventBus {
  readonly #emitter = new EventEmitter();
  readonly #recent: SequencedEvent[] = [];
  // A millisecond clock that never goes back and never falls behind an event seen from another
  // instance (a hybrid logical clock): ids rise across restarts and across instances.
  #clock = Date.now();
  #node = Math.floor(Math.random() * NODE_SLOTS);
  readonly #bootSeq = this.#clock * NODE_SLOTS;
  /** The newest sequence number that left the replay window. */
  #highestDropped = 0;
  #relay: ((event: SequencedEvent) => void) | null = null;

  constructor() {
    this.#emitter.setMaxListeners(0);
  }

  /** Publishes an event from this process: to local listeners and, with a shared database, to the other instances. */
  publish(event: BusEvent): SequencedEvent {
    this.#clock = Math.max(Date.now(), this.#clock + 1);
    const sequenced = { ...event, seq: this.#clock * NODE_SLOTS + this.#node, at: new Date().toISOString() } as SequencedEvent;
    this.#deliver(sequenced);
    this.#relay?.(sequenced);
    return sequenced;
  }

  /** Delivers an event another instance published, under its id, to local listeners only. */
  receive(event: SequencedEvent): void {
    this.#clock = Math.max(this.#clock, Math.floor(event.seq / NODE_SLOTS));
    this.#deliver(event);
  }

  /** Sends every event published here on to other instances too (PostgreSQL NOTIFY); `node` makes ids unique among them. */
  setRelay(relay: ((event: SequencedEvent) => void) | null, node?: number): void {
    this.#relay = relay;
    if (node !== undefined) this.#node = ((node % NODE_SLOTS) + NODE_SLOTS) % NODE_SLOTS;
  }

  /** Listens for events; returns the function that stops listening. */
  subscribe(listener: (event: SequencedEvent) => void): () => void {
    this.#emitter.on("event", listener);
    return () => this.#emitter.off("event", listener);
  }

  /** Events after a sequence number, or null when events after it are no longer in the replay window. */
  replayAfter(seq: number): SequencedEvent[] | null {
    if (this.#recent.length === 0) return [];
    if (seq < this.#highestDropped || seq < this.#bootSeq) return null;
    return this.#recent.filter((event) => event.seq > seq);
  }

  #deliver(event: SequencedEvent) {
    // Kept in id order: an event relayed from another instance can arrive after a newer local one.
    let index = this.#recent.length;
    while (index > 0 && this.#recent[index - 1]!.seq > event.seq) index--;
    this.#recent.splice(index, 0, event);
    if (this.#recent.length > REPLAY_SIZE) this.#highestDropped = this.#recent.shift()!.seq;
    this.#emitter.emit("event", event);
  }
}

/** The process-wide event bus (kept in the runtime: Next may bundle this module more than once). */
export function getEventBus(): EventBus {
  return getRuntimePart("event-bus", () => new EventBus(), (bus) => bus.setRelay(null));
}
