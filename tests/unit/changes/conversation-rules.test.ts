import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { createAnnouncementChanges } from "../../../lib/changes/announcement-changes";
import { AnnouncementReader } from "../../../lib/announcements/announcement-reader";
import { EventBus, type SequencedEvent } from "../../../lib/events/bus";
import { SqliteStore } from "../../../lib/store/sqlite-store";
import { makeDraft } from "../store/store-contract";

// The conversation rules, against a real SQLite store and event bus: a reply to someone
// else is archived and never public; a thread of self-replies is one announcement that
// follows every edit and delete of its parts; mentions read as names.

const ACCOUNT = "https://council.example/users/news";
const RESIDENT = "https://social.example/users/jane";
const MEMBER = "https://council.example/users/member";
const GROUP = "https://council.example/c/noticeboard";
const note = (n: number) => `https://council.example/notes/${n}`;

function setUp() {
  const store = new SqliteStore(new DatabaseSync(":memory:"), () => false);
  const bus = new EventBus();
  const events: SequencedEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const changes = createAnnouncementChanges(store, bus);
  const reader = new AnnouncementReader(store, bus);
  const keep = (overrides: Parameters<typeof makeDraft>[0] = {}, accountUri = ACCOUNT, viaUri: string | null = null) =>
    changes.keepPost({ draft: makeDraft({ authorUri: accountUri, ...overrides }), accountUri, viaUri, accountLanguage: null });
  const part = (n: number, text: string, extra: Parameters<typeof makeDraft>[0] = {}) =>
    keep({ uri: note(n), inReplyTo: n > 1 ? note(n - 1) : null, text, html: `<p>${text}</p>`, published: `2026-11-20T09:0${n}:00.000Z`, ...extra });
  return { store, events, changes, reader, keep, part, types: () => events.map((event) => event.type) };
}

describe("replies to someone else", () => {
  it("are archived with state reply and never reach a public read or an event", async () => {
    const { store, reader, keep, events } = setUp();
    expect(await keep({ uri: note(9), inReplyTo: "https://social.example/notes/1", text: "@jane thanks, passed on.", html: "<p>@jane thanks, passed on.</p>" })).toBe("reply");
    expect(events).toEqual([]);
    expect(await reader.list({ limit: 10 })).toEqual([]);
    const [item] = await store.moderation.listForAdmin({ limit: 10, now: new Date().toISOString() });
    expect(item).toMatchObject({ state: "reply", announcement: { uri: note(9) } });
    expect(await reader.one(item!.announcement.id)).toBeNull();
  });

  it("leave the screens when a shown post is edited into a reply", async () => {
    const { reader, keep, types } = setUp();
    await keep({ uri: note(1) });
    expect(await keep({ uri: note(1), inReplyTo: "https://social.example/notes/1", updated: "2026-11-20T10:00:00.000Z" })).toBe("reply");
    expect(types()).toEqual(["announcement.created", "announcement.deleted"]);
    expect(await reader.list({ limit: 10 })).toEqual([]);
  });

  it("include a Group member's reply to another member's topic, relayed by the Group", async () => {
    const { reader, keep } = setUp();
    expect(await keep({ uri: note(1), text: "Topic" }, MEMBER, GROUP)).toBe("created");
    expect(await keep({ uri: "https://council.example/notes/2", inReplyTo: note(1), text: "A reply" }, ACCOUNT, GROUP)).toBe("reply");
    expect((await reader.list({ limit: 10 })).map((item) => item.text)).toEqual(["Topic"]);
  });
});

describe("threads of self-replies", () => {
  it("are one announcement, parts joined in order, announced as one created and then updates", async () => {
    const { reader, part, types } = setUp();
    expect(await part(1, "Flood warning 1/3")).toBe("created");
    expect(await part(2, "Roads closed 2/3")).toBe("updated");
    expect(await part(3, "Sandbags at the depot 3/3")).toBe("updated");
    const items = await reader.list({ limit: 10 });
    expect(items).toHaveLength(1);
    expect(items[0]!.text).toBe("Flood warning 1/3\n\nRoads closed 2/3\n\nSandbags at the depot 3/3");
    expect(items[0]!.html).toContain("<p>Roads closed 2/3</p>");
    expect(types()).toEqual(["announcement.created", "announcement.updated", "announcement.updated"]);
  });

  it("follow an edit of part two, and a delete of part two or of the first post", async () => {
    const { reader, part, changes, types } = setUp();
    await part(1, "One");
    await part(2, "Two");
    await part(3, "Three");
    expect(await part(2, "Two, corrected", { updated: "2026-11-20T11:00:00.000Z" })).toBe("updated");
    expect((await reader.list({ limit: 10 }))[0]!.text).toBe("One\n\nTwo, corrected\n\nThree");
    expect(await changes.removeByAuthor(ACCOUNT, note(2))).toBe(true);
    expect((await reader.list({ limit: 10 }))[0]!.text).toBe("One\n\nThree");
    expect(await changes.removeByAuthor(ACCOUNT, note(1))).toBe(true);
    expect(await reader.list({ limit: 10 })).toEqual([]);
    expect(types().at(-1)).toBe("announcement.deleted");
    // A part's author only: another account's Delete changes nothing.
    expect(await changes.removeByAuthor(MEMBER, note(3))).toBe(false);
  });

  it("take in parts that arrived before their first post (backfill reads newest first)", async () => {
    const { reader, part } = setUp();
    expect(await part(3, "Three")).toBe("reply");
    expect(await part(2, "Two")).toBe("reply");
    expect(await reader.list({ limit: 10 })).toEqual([]);
    expect(await part(1, "One")).toBe("created");
    expect((await reader.list({ limit: 10 }))[0]!.text).toBe("One\n\nTwo\n\nThree");
  });
});

describe("mentions", () => {
  it("read as the account's name, or the user part of the handle, never as @handles", async () => {
    const { store, reader, keep } = setUp();
    await store.upsertAccount({ uri: RESIDENT, handle: "@jane@social.example", name: "Jane Doe", url: null, avatarUrl: null });
    await keep({
      html: '<p>Thanks <span class="h-card"><a href="https://social.example/@jane" class="u-url mention">@<span>jane</span></a></span> and @bob@other.example for the photos.</p>',
      text: "Thanks @jane and @bob@other.example for the photos.",
      mentions: [{ uri: RESIDENT, name: "@jane@social.example" }, { uri: "https://other.example/users/bob", name: "@bob@other.example" }],
    });
    const [shown] = await reader.list({ limit: 1 });
    expect(shown!.text).toBe("Thanks Jane Doe and bob for the photos.");
    expect(shown!.html).toBe("<p>Thanks <span class=\"h-card\">Jane Doe</span> and bob for the photos.</p>");
    expect(shown!.html + shown!.text).not.toContain("@");
  });
});
