import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { createAnnouncementChanges } from "../../../lib/changes/announcement-changes";
import { EventBus, type SequencedEvent } from "../../../lib/events/bus";
import { SqliteStore } from "../../../lib/store/sqlite-store";
import { makeDraft } from "../store/store-contract";

// The write path's rules, against a real SQLite store (in memory: the same engine and
// SQL as DATA_DIR's file) and a real event bus: every change is stored, then announced
// exactly once; refused changes store and announce nothing.

const ACCOUNT = "https://council.example/users/news";
const OTHER = "https://council.example/users/intruder";
const GROUP = "https://council.example/c/noticeboard";

function setUp() {
  const store = new SqliteStore(new DatabaseSync(":memory:"), () => false);
  const bus = new EventBus();
  const events: SequencedEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const changes = createAnnouncementChanges(store, bus);
  const keep = (overrides: Parameters<typeof makeDraft>[0] = {}, accountUri = ACCOUNT, viaUri: string | null = null, accountLanguage: string | null = null) =>
    changes.keepPost({ draft: makeDraft({ authorUri: accountUri, ...overrides }), accountUri, viaUri, accountLanguage });
  return { store, events, changes, keep, types: () => events.map((event) => event.type) };
}

describe("keeping posts", () => {
  it("stores a new post and announces it once; an identical re-delivery changes and announces nothing", async () => {
    const { store, keep, types } = setUp();
    expect(await keep()).toBe("created");
    expect(await keep()).toBe("unchanged");
    expect(types()).toEqual(["announcement.created"]);
    expect(await store.listAnnouncements({ limit: 10 })).toHaveLength(1);
  });

  it("replaces on a newer edit (one updated event) and never rolls back to an older version", async () => {
    const { store, keep, types } = setUp();
    await keep();
    expect(await keep({ text: "Monday.", html: "<p>Monday.</p>", updated: "2026-11-20T10:00:00.000Z" })).toBe("updated");
    expect(await keep({ text: "Sunday.", html: "<p>Sunday.</p>", updated: "2026-11-20T09:30:00.000Z" })).toBe("older");
    expect(await keep({ text: "Replayed create.", html: "<p>Replayed create.</p>", updated: null })).toBe("older");
    expect(types()).toEqual(["announcement.created", "announcement.updated"]);
    expect((await store.getAnnouncementByUri(makeDraft().uri))?.text).toBe("Monday.");
  });

  it("dates a post that gives no date when it was received, keeps that date through edits, and never says 1970", async () => {
    const { store, changes } = setUp();
    const before = Date.now();
    const undated = { ...makeDraft({ authorUri: ACCOUNT }), published: null };
    expect(await changes.keepPost({ draft: undated, accountUri: ACCOUNT, viaUri: null, accountLanguage: null })).toBe("created");
    const received = (await store.getAnnouncementByUri(undated.uri))!.published;
    expect(Date.parse(received)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(received)).toBeLessThanOrEqual(Date.now());
    const edit = { ...undated, text: "Monday.", html: "<p>Monday.</p>", updated: "2099-01-01T00:00:00.000Z" };
    expect(await changes.keepPost({ draft: edit, accountUri: ACCOUNT, viaUri: null, accountLanguage: null })).toBe("updated");
    const edited = (await store.getAnnouncementByUri(undated.uri))!;
    expect(edited.published).toBe(received);
    expect(JSON.stringify(edited)).not.toContain("1970");
  });

  it("refuses a post its sender did not write, or that lives on another server", async () => {
    const { store, keep, changes, events } = setUp();
    expect(await changes.keepPost({ draft: makeDraft({ authorUri: OTHER }), accountUri: ACCOUNT, viaUri: null, accountLanguage: null })).toBe("not-authored");
    expect(await keep({ uri: "https://elsewhere.example/notes/1" })).toBe("not-authored");
    expect(events).toEqual([]);
    expect(await store.listAnnouncements({ limit: 10 })).toEqual([]);
  });

  it("never lets another account on the same server take a post over", async () => {
    const { store, keep, types } = setUp();
    await keep();
    expect(await keep({ text: "Taken over.", html: "<p>Taken over.</p>", updated: "2026-11-21T09:00:00.000Z" }, OTHER)).toBe("conflict");
    expect(types()).toEqual(["announcement.created"]);
    expect((await store.getAnnouncementByUri(makeDraft().uri))?.account.uri).toBe(ACCOUNT);
  });

  it("falls back from the post's language to the account's, then to the script, then to und", async () => {
    const { store, keep } = setUp();
    await keep({ uri: "https://council.example/notes/a", language: "nl" }, ACCOUNT, null, "de");
    await keep({ uri: "https://council.example/notes/b", language: null }, ACCOUNT, null, "de");
    await keep({ uri: "https://council.example/notes/c", language: null, text: "図書館は月曜日に休館します。", html: "<p>図書館は月曜日に休館します。</p>" });
    await keep({ uri: "https://council.example/notes/d", language: null, text: "Bins.", html: "<p>Bins.</p>" });
    const languageOf = async (uri: string) => (await store.getAnnouncementByUri(uri))?.language;
    expect(await languageOf("https://council.example/notes/a")).toBe("nl");
    expect(await languageOf("https://council.example/notes/b")).toBe("de");
    expect(await languageOf("https://council.example/notes/c")).toBe("ja");
    expect(await languageOf("https://council.example/notes/d")).toBe("und");
  });

  it("keeps a post in the language it is written in when its tag says another (mastodon#21109)", async () => {
    const { store, keep } = setUp();
    const dutch = "De bibliotheek aan de Stationsweg is maandag gesloten vanwege onderhoud aan de verwarming.";
    await keep({ uri: "https://council.example/notes/e", language: "en", text: dutch, html: `<p>${dutch}</p>` });
    await keep({ uri: "https://council.example/notes/f", language: "nl-BE", text: dutch, html: `<p>${dutch}</p>` });
    expect((await store.getAnnouncementByUri("https://council.example/notes/e"))?.language).toBe("nl");
    expect((await store.getAnnouncementByUri("https://council.example/notes/f"))?.language).toBe("nl-BE");
  });

  it("keeps a deleted post deleted when its Create is replayed", async () => {
    const { changes, keep, types } = setUp();
    await keep();
    expect(await changes.removeByAuthor(ACCOUNT, makeDraft().uri)).toBe(true);
    expect(await keep()).toBe("deleted-earlier");
    expect(types()).toEqual(["announcement.created", "announcement.deleted"]);
  });

  it("drops links and pictures on private addresses other than the author's own server", async () => {
    const { store, keep } = setUp();
    await keep({ attachments: [{ url: "http://10.0.0.1/x.png", mediaType: "image/png", alt: "x", width: null, height: null }, { url: "https://council.example/ok.png", mediaType: "image/png", alt: "ok", width: null, height: null }] });
    expect((await store.getAnnouncementByUri(makeDraft().uri))?.attachments.map((attachment) => attachment.url)).toEqual(["https://council.example/ok.png"]);
  });
});

describe("removing and hiding", () => {
  it("removes a post only for its author; a stranger's Delete changes and announces nothing", async () => {
    const { store, changes, keep, types } = setUp();
    await keep();
    expect(await changes.removeByAuthor(OTHER, makeDraft().uri)).toBe(false);
    expect(await store.getAnnouncementByUri(makeDraft().uri)).not.toBeNull();
    expect(await changes.removeByAuthor(ACCOUNT, makeDraft().uri)).toBe(true);
    expect(await changes.removeByAuthor(ACCOUNT, makeDraft().uri)).toBe(false);
    expect(types()).toEqual(["announcement.created", "announcement.deleted"]);
  });

  it("hides every post of an account with one deleted event each", async () => {
    const { changes, keep, events } = setUp();
    await keep({ uri: "https://council.example/notes/1" });
    await keep({ uri: "https://council.example/notes/2" });
    expect(await changes.hideAccount(ACCOUNT)).toBe(2);
    expect(events.filter((event) => event.type === "announcement.deleted")).toHaveLength(2);
  });

  it("withdraws only what the Group relayed, once", async () => {
    const { changes, keep, types } = setUp();
    await keep({}, ACCOUNT, GROUP);
    expect(await changes.hideRelayed("https://council.example/c/other", makeDraft().uri)).toBe(false);
    expect(await changes.hideRelayed(GROUP, makeDraft().uri)).toBe(true);
    expect(types()).toEqual(["announcement.created", "announcement.deleted"]);
  });

  it("removes a post its own server said is gone, with one event", async () => {
    const { changes, keep, types } = setUp();
    await keep();
    expect(await changes.removeConfirmedGone(makeDraft().uri)).toBe(true);
    expect(await changes.removeConfirmedGone(makeDraft().uri)).toBe(false);
    expect(types()).toEqual(["announcement.created", "announcement.deleted"]);
  });
});
