import { getEventBus } from "../events/bus";
import { etagOf } from "../http/responses";

// A small in-memory cache of announcement lists as JSON, so the many screens and pages
// polling the same list cost one store read per change, not one per request. Any
// announcement event (local, or relayed from another instance) empties it; entries
// also expire after a few seconds, which bounds staleness for changes that raise no
// event (an account's new display name).

const TTL_MS = 5_000;
const MAX_ENTRIES = 256;

interface Entry {
  json: string;
  etag: string;
  storedAt: number;
}

interface ListCache {
  entries: Map<string, Entry>;
  /** Bumped by every event; a computation that began before a bump is not kept. */
  generation: number;
}

const KEY = Symbol.for("crier.announcementListCache");

function getCache(): ListCache {
  const global = globalThis as { [KEY]?: ListCache };
  if (global[KEY]) return global[KEY];
  const cache: ListCache = { entries: new Map(), generation: 0 };
  getEventBus().subscribe(() => {
    cache.generation++;
    cache.entries.clear();
  });
  global[KEY] = cache;
  return cache;
}

/** The JSON (and its ETag) for `key`: cached while nothing changed, else computed and kept. */
export async function getCachedJson(key: string, compute: () => Promise<unknown>): Promise<{ json: string; etag: string }> {
  const cache = getCache();
  const hit = cache.entries.get(key);
  if (hit && Date.now() - hit.storedAt < TTL_MS) return hit;
  const generation = cache.generation;
  const json = JSON.stringify(await compute());
  const entry = { json, etag: etagOf(json), storedAt: Date.now() };
  if (generation === cache.generation) {
    if (cache.entries.size >= MAX_ENTRIES) cache.entries.delete(cache.entries.keys().next().value!);
    cache.entries.set(key, entry);
  }
  return entry;
}
