import type { EventBus } from "../events/bus";

// Many screens and pages ask for the same few lists; this keeps each answer until
// an announcement event says something changed, so a change costs one store read
// however many readers poll. Every event empties it, local or relayed from another
// instance (EventBus.receive delivers those to the same listeners), whatever its
// type: created, updated, deleted, and the operator's hide and unhide to come.

export interface CacheLimits {
  maxEntries: number;
  /** Estimated size of everything kept (see `sizeOf` in `get`). */
  maxBytes: number;
  /** Entries also expire, which bounds staleness for changes that raise no event (an account's new display name). */
  ttlMs: number;
}

export interface CacheStats {
  hits: number;
  misses: number;
  entries: number;
  bytes: number;
}

interface Entry {
  value: unknown;
  bytes: number;
  storedAt: number;
}

/** A bounded cache of read results, emptied by every announcement event on `bus`. */
export class EventInvalidatedCache {
  readonly #entries = new Map<string, Entry>();
  /** Reads under way, so readers arriving together (screens reconnecting after an event) share one. */
  readonly #pending = new Map<string, Promise<unknown>>();
  readonly #limits: CacheLimits;
  readonly #now: () => number;
  readonly #unsubscribe: () => void;
  /** Bumped by every event; a read that began before a bump is not kept. */
  #generation = 0;
  #bytes = 0;
  #hits = 0;
  #misses = 0;

  constructor(bus: Pick<EventBus, "subscribe">, limits: CacheLimits, now: () => number = Date.now) {
    this.#limits = limits;
    this.#now = now;
    this.#unsubscribe = bus.subscribe(() => this.invalidate());
  }

  /** The value kept for `key` while nothing changed, else `compute()`'s, kept when it fits (`sizeOf` answers Infinity for one not worth keeping). */
  async get<T>(key: string, compute: () => Promise<T>, sizeOf: (value: T) => number): Promise<T> {
    const hit = this.#entries.get(key);
    if (hit && this.#now() - hit.storedAt < this.#limits.ttlMs) {
      // Least recently used goes first: a hit moves to the end.
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      this.#hits++;
      return hit.value as T;
    }
    if (hit) this.#remove(key);
    const pending = this.#pending.get(key);
    if (pending) {
      this.#hits++;
      return pending as Promise<T>;
    }
    this.#misses++;
    const generation = this.#generation;
    const promise = compute().then((value) => {
      if (generation === this.#generation) {
        this.#pending.delete(key);
        this.#keep(key, value, sizeOf(value));
      }
      return value;
    }, (error: unknown) => {
      if (this.#pending.get(key) === promise) this.#pending.delete(key);
      throw error;
    });
    this.#pending.set(key, promise);
    return promise;
  }

  /** Forgets everything, including reads under way (their results are returned, not kept). */
  invalidate(): void {
    this.#generation++;
    this.#entries.clear();
    this.#pending.clear();
    this.#bytes = 0;
  }

  stats(): CacheStats {
    return { hits: this.#hits, misses: this.#misses, entries: this.#entries.size, bytes: this.#bytes };
  }

  /** Stops listening to the bus (tests; the process-wide cache lives as long as the process). */
  close(): void {
    this.#unsubscribe();
    this.invalidate();
  }

  #keep(key: string, value: unknown, bytes: number): void {
    if (!(bytes <= this.#limits.maxBytes / 4)) return; // One huge answer must not push out everything else.
    while (this.#entries.size > 0 && (this.#entries.size >= this.#limits.maxEntries || this.#bytes + bytes > this.#limits.maxBytes)) {
      this.#remove(this.#entries.keys().next().value!);
    }
    this.#entries.set(key, { value, bytes, storedAt: this.#now() });
    this.#bytes += bytes;
  }

  #remove(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }
}
