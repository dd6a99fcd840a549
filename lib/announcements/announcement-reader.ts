import type { EventBus } from "../events/bus";
import { etagOf } from "../http/responses";
import type { Store } from "../store/types";
import { EventInvalidatedCache, type CacheLimits, type CacheStats } from "./list-cache";
import type { Announcement } from "./types";

// The one way anything outside the write path reads announcements: routes, reader
// pages, feeds, signage, slides and speech all come here, so they all see the same
// cache and the same rules (newest first, an account by handle, keyset paging).

/** The longest list anyone may ask for: what a filtered signage screen looks through. */
export const MAX_LIST_LIMIT = 500;

export const DEFAULT_CACHE_LIMITS: CacheLimits = { maxEntries: 512, maxBytes: 32 * 1024 * 1024, ttlMs: 5_000 };

export interface ListQuery {
  limit: number;
  /** A handle like @news@council.example (the leading @ may be left out; the store ignores case). */
  account?: string | null;
  /** Only announcements published before this one (its id), for the next, older page. */
  before?: string | null;
}

/** One page of a newest-first list, and the id to pass as `before` for the next (older) page. */
export interface AnnouncementPage {
  items: Announcement[];
  nextBefore: string | null;
}

/** Reads announcements through an event-invalidated cache; one per process (see listing.ts), others in tests. */
export class AnnouncementReader {
  readonly #store: Store;
  readonly #cache: EventInvalidatedCache;
  readonly #toPublic: (announcement: Announcement) => Announcement;

  /** `toPublic` turns an announcement into what the JSON API shows (pictures on Crier's own origin). */
  constructor(store: Store, bus: Pick<EventBus, "subscribe">, limits: CacheLimits = DEFAULT_CACHE_LIMITS, toPublic: (announcement: Announcement) => Announcement = (announcement) => announcement) {
    this.#store = store;
    this.#cache = new EventInvalidatedCache(bus, limits);
    this.#toPublic = toPublic;
  }

  /** Newest first, optionally one account's, optionally older than `before`. Items are shared: do not change them. */
  async list(query: ListQuery): Promise<Announcement[]> {
    const { limit, account, before } = normaliseQuery(query);
    const items = await this.#cache.get(
      JSON.stringify(["list", limit, account, before]),
      async () => (await this.#read(limit, account, before)).map(freeze),
      (items) => items.reduce((sum, item) => sum + estimateSize(item), 0),
    );
    // A copy: a caller adding to its list must not add to everyone's.
    return [...items];
  }

  /**
   * Pinned announcements head the first page (and so every rotation); they are left
   * out of the dated order everywhere, so no page shows one twice.
   */
  async #read(limit: number, account: string | null, before: string | null): Promise<Announcement[]> {
    const accountHandle = account ?? undefined;
    const [pinned, dated] = await Promise.all([
      this.#store.moderation.listPinned({ accountHandle, now: new Date().toISOString() }),
      this.#store.listAnnouncements({ limit, accountHandle, beforeId: before ?? undefined }),
    ]);
    const pinnedIds = new Set(pinned.map((announcement) => announcement.id));
    const rest = dated.filter((announcement) => !pinnedIds.has(announcement.id));
    return before === null ? [...pinned, ...rest].slice(0, limit) : rest;
  }

  /** One page, fetching one extra to know whether an older page exists. */
  async page(query: ListQuery): Promise<AnnouncementPage> {
    const pageSize = normaliseQuery(query).limit;
    // The extra one must fit in a list too (so a page holds at most MAX_LIST_LIMIT - 1).
    const items = await this.list({ ...query, limit: normaliseQuery({ ...query, limit: pageSize + 1 }).limit });
    const hasMore = items.length > pageSize;
    const page = hasMore ? items.slice(0, pageSize) : items;
    return { items: page, nextBefore: hasMore ? (page.at(-1)?.id ?? null) : null };
  }

  /** One announcement by id, or null when there is none (or it was deleted or hidden). */
  async one(id: string): Promise<Announcement | null> {
    return this.#cache.get(
      JSON.stringify(["one", id]),
      async () => {
        const announcement = await this.#store.getAnnouncement(id);
        return announcement ? freeze(announcement) : null;
      },
      // Misses are not kept: anyone can ask for made-up ids, and they must not push out the lists screens poll.
      (announcement) => (announcement ? estimateSize(announcement) : Number.POSITIVE_INFINITY),
    );
  }

  /** `{"items":[…]}` as JSON text with its ETag, for /api/announcements: serialised once per change. */
  async listJson(query: ListQuery): Promise<{ json: string; etag: string }> {
    const { limit, account, before } = normaliseQuery(query);
    return this.#cache.get(
      JSON.stringify(["json", limit, account, before]),
      async () => {
        const json = JSON.stringify({ items: (await this.list({ limit, account, before })).map(this.#toPublic) });
        return { json, etag: etagOf(json) };
      },
      (answer) => answer.json.length * 2,
    );
  }

  /** One announcement as the JSON API shows it, or null. */
  async onePublic(id: string): Promise<Announcement | null> {
    const announcement = await this.one(id);
    return announcement ? this.#toPublic(announcement) : null;
  }

  /** Forgets everything read so far (what every announcement event does). */
  invalidate(): void {
    this.#cache.invalidate();
  }

  stats(): CacheStats {
    return this.#cache.stats();
  }

  close(): void {
    this.#cache.close();
  }
}

function normaliseQuery(query: ListQuery): { limit: number; account: string | null; before: string | null } {
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_LIST_LIMIT) {
    throw new RangeError(`A list of announcements holds 1 to ${MAX_LIST_LIMIT}; ${query.limit} was asked for.`);
  }
  const account = query.account?.trim() ? normaliseHandle(query.account) : null;
  return { limit: query.limit, account, before: query.before || null };
}

function normaliseHandle(handle: string): string {
  const trimmed = handle.trim();
  return trimmed.startsWith("@") ? trimmed : `@${trimmed}`;
}

function freeze(announcement: Announcement): Announcement {
  return Object.freeze(announcement);
}

/** Roughly the memory an announcement takes (UTF-16 strings, plus the fields around them). */
function estimateSize(announcement: Announcement): number {
  const text = announcement.html.length + announcement.text.length + (announcement.summary?.length ?? 0);
  return 2 * text + 1_024 + 512 * announcement.attachments.length;
}
