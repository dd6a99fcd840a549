import { DatabaseSync } from "node:sqlite";
import { afterEach, describe, expect, it } from "vitest";
import { AnnouncementReader, MAX_LIST_LIMIT } from "../../../lib/announcements/announcement-reader";
import type { Announcement } from "../../../lib/announcements/types";
import { EventBus } from "../../../lib/events/bus";
import { SqliteStore } from "../../../lib/store/sqlite-store";
import type { Store } from "../../../lib/store/types";
import { makeDraft } from "../store/store-contract";

// The read API over a real SQLite store, with the store's announcement reads counted:
// a hit is a read that did not reach the store.

const NEWS = { uri: "https://council.example/users/news", handle: "@news@council.example", name: "City News", url: null, avatarUrl: null };
const ROADS = { uri: "https://council.example/users/roads", handle: "@roads@council.example", name: "Roads", url: null, avatarUrl: null };

interface Setup {
  store: Store;
  bus: EventBus;
  reader: AnnouncementReader;
  /** How many times the store was asked for announcements. */
  reads: () => number;
  /** Stores a post the way the write path does: the write, then its event. */
  post: (n: number, account?: typeof NEWS, text?: string) => Promise<Announcement>;
}

const readers: AnnouncementReader[] = [];
afterEach(() => {
  for (const reader of readers.splice(0)) reader.close();
});

async function setUp(limits?: ConstructorParameters<typeof AnnouncementReader>[2]): Promise<Setup> {
  const store = new SqliteStore(new DatabaseSync(":memory:"), () => false);
  await store.upsertAccount(NEWS);
  await store.upsertAccount(ROADS);
  let reads = 0;
  const counted = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (property === "getAnnouncement" || property === "listAnnouncements") reads++;
        return value.apply(target, args);
      };
    },
  });
  const bus = new EventBus();
  const reader = new AnnouncementReader(counted, bus, limits);
  readers.push(reader);
  const post = async (n: number, account = NEWS, text = `Notice ${n}.`) => {
    const draft = makeDraft({ uri: `${account.uri}/notes/${n}`, authorUri: account.uri, text, html: `<p>${text}</p>`, published: new Date(Date.UTC(2026, 10, 1, 9, n)).toISOString() });
    const { change, announcement } = await store.putAnnouncement({ draft, accountUri: account.uri, viaUri: null, language: "en" });
    bus.publish({ type: change === "updated" ? "announcement.updated" : "announcement.created", announcement: announcement! });
    return announcement!;
  };
  return { store, bus, reader, reads: () => reads, post };
}

describe("the announcement read API", () => {
  it("answers a repeated list, page or one from its cache, and reads the store again only after a change", async () => {
    const { reader, reads, post } = await setUp();
    const first = await post(1);
    expect((await reader.list({ limit: 10 })).map((item) => item.id)).toEqual([first.id]);
    await reader.list({ limit: 10 });
    await reader.one(first.id);
    await reader.one(first.id);
    expect(reads()).toBe(2);
    expect(reader.stats()).toMatchObject({ hits: 2, misses: 2 });
    // Made-up ids are asked of the store each time, and never fill the cache.
    expect(await reader.one("made-up")).toBeNull();
    expect(await reader.one("made-up")).toBeNull();
    expect(reads()).toBe(4);
    expect(reader.stats().entries).toBe(2);

    const second = await post(2);
    expect((await reader.list({ limit: 10 })).map((item) => item.id)).toEqual([second.id, first.id]);
    expect(reads()).toBe(5);
  });

  it("shows an edit and drops a delete once their events arrive", async () => {
    const { store, bus, reader, post } = await setUp();
    const original = await post(1, NEWS, "Bins on Monday.");
    expect((await reader.one(original.id))?.text).toBe("Bins on Monday.");
    await post(1, NEWS, "Bins on Tuesday.");
    expect((await reader.one(original.id))?.text).toBe("Bins on Tuesday.");
    expect((await reader.list({ limit: 5 }))[0]?.text).toBe("Bins on Tuesday.");

    await store.deleteAnnouncement(original.uri);
    bus.publish({ type: "announcement.deleted", id: original.id, uri: original.uri });
    expect(await reader.one(original.id)).toBeNull();
    expect(await reader.list({ limit: 5 })).toEqual([]);
    expect(JSON.parse((await reader.listJson({ limit: 5 })).json)).toEqual({ items: [] });
  });

  it("is emptied by an event relayed from another instance, as by a local one", async () => {
    const { store, bus, reader, reads, post } = await setUp();
    const announcement = await post(1);
    await reader.list({ limit: 5 });
    // Another instance deleted it: the row is gone here, and its event arrives through receive().
    await store.deleteAnnouncement(announcement.uri);
    expect(await reader.list({ limit: 5 })).toHaveLength(1);
    bus.receive({ type: "announcement.deleted", id: announcement.id, uri: announcement.uri, seq: Date.now() * 1000 + 7, at: new Date().toISOString() });
    expect(await reader.list({ limit: 5 })).toEqual([]);
    expect(reads()).toBe(2);
  });

  it("does not keep a read that began before an event (it may predate the change)", async () => {
    const { bus, reader, reads, post } = await setUp();
    await post(1);
    const during = reader.list({ limit: 5 });
    bus.publish({ type: "announcement.deleted", id: "other", uri: "https://council.example/notes/other" });
    await during;
    await reader.list({ limit: 5 });
    expect(reads()).toBe(2);
  });

  it("shares one store read among readers that ask together", async () => {
    const { reader, reads, post } = await setUp();
    await post(1);
    const answers = await Promise.all(Array.from({ length: 20 }, () => reader.list({ limit: 5 })));
    expect(answers.every((items) => items.length === 1)).toBe(true);
    expect(reads()).toBe(1);
  });

  it("filters by account (with or without the leading @, in any case) and pages newest first", async () => {
    const { reader, post } = await setUp();
    for (let n = 1; n <= 5; n++) await post(n, n % 2 ? NEWS : ROADS);
    const news = await reader.list({ limit: 10, account: "news@council.example" });
    expect(news.map((item) => item.account.handle)).toEqual(Array(3).fill(NEWS.handle));
    expect(await reader.list({ limit: 10, account: "@ROADS@council.example" })).toHaveLength(2);
    expect(await reader.list({ limit: 10, account: "@nobody@council.example" })).toEqual([]);

    const all = (await reader.list({ limit: 10 })).map((item) => item.text);
    expect(all).toEqual(["Notice 5.", "Notice 4.", "Notice 3.", "Notice 2.", "Notice 1."]);
    const pages: string[][] = [];
    let before: string | null = null;
    do {
      const page = await reader.page({ limit: 2, before });
      pages.push(page.items.map((item) => item.text));
      before = page.nextBefore;
    } while (before);
    expect(pages).toEqual([["Notice 5.", "Notice 4."], ["Notice 3.", "Notice 2."], ["Notice 1."]]);
    const newsPage = await reader.page({ limit: 2, account: NEWS.handle });
    expect(newsPage.items.map((item) => item.text)).toEqual(["Notice 5.", "Notice 3."]);
    expect((await reader.page({ limit: 2, account: NEWS.handle, before: newsPage.nextBefore })).nextBefore).toBeNull();
  });

  it("gives each caller its own list, and refuses to let anyone change the shared items", async () => {
    const { reader, post } = await setUp();
    await post(1);
    const mine = await reader.list({ limit: 5 });
    mine.push(mine[0]!);
    expect(await reader.list({ limit: 5 })).toHaveLength(1);
    expect(() => {
      (mine[0] as { text: string }).text = "changed";
    }).toThrow(TypeError);
  });

  it("stays within its bounds: entries beyond the limit push out the least recently used", async () => {
    const { reader, reads, post } = await setUp({ maxEntries: 2, maxBytes: 1_000_000, ttlMs: 60_000 });
    await post(1);
    await reader.list({ limit: 1 });
    await reader.list({ limit: 2 });
    await reader.list({ limit: 1 }); // a hit: limit 2 is now the oldest
    await reader.list({ limit: 3 }); // pushes out limit 2
    expect(reader.stats()).toMatchObject({ entries: 2 });
    await reader.list({ limit: 1 });
    expect(reads()).toBe(3);
    await reader.list({ limit: 2 });
    expect(reads()).toBe(4);
  });

  it("never keeps more than its byte budget", async () => {
    const { reader, post } = await setUp({ maxEntries: 100, maxBytes: 20_000, ttlMs: 60_000 });
    for (let n = 1; n <= 6; n++) await post(n, NEWS, `Notice ${n}: ${"x".repeat(500)}`);
    for (let limit = 1; limit <= 6; limit++) await reader.list({ limit });
    const { bytes, entries } = reader.stats();
    expect(bytes).toBeLessThanOrEqual(20_000);
    expect(entries).toBeGreaterThan(0);
    expect(entries).toBeLessThan(6);
  });

  it("refuses lists longer than it allows, and serves ETags that change with the content", async () => {
    const { reader, post } = await setUp();
    await expect(reader.list({ limit: MAX_LIST_LIMIT + 1 })).rejects.toThrow(RangeError);
    await expect(reader.list({ limit: 0 })).rejects.toThrow(RangeError);
    await expect(reader.page({ limit: MAX_LIST_LIMIT })).rejects.toThrow(RangeError);
    await expect(reader.page({ limit: 0 })).rejects.toThrow(RangeError);
    await post(1);
    const before = await reader.listJson({ limit: 5 });
    expect(await reader.listJson({ limit: 5 })).toEqual(before);
    await post(2);
    const after = await reader.listJson({ limit: 5 });
    expect(after.etag).not.toBe(before.etag);
    expect(JSON.parse(after.json).items).toHaveLength(2);
  });
});
