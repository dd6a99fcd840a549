import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { createAnnouncementChanges } from "../../../lib/changes/announcement-changes";
import { AnnouncementReader } from "../../../lib/announcements/announcement-reader";
import { EventBus, type SequencedEvent } from "../../../lib/events/bus";
import { SqliteStore } from "../../../lib/store/sqlite-store";
import { makeDraft } from "../store/store-contract";

// Operators' actions through the write path, against a real SQLite store: each changes
// what every public read answers, is announced exactly once, and is in the audit log.

const ACCOUNT = "https://council.example/users/news";
const API = { who: "api" };

async function setUp() {
  const store = new SqliteStore(new DatabaseSync(":memory:"), () => false);
  const bus = new EventBus();
  const events: SequencedEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const changes = createAnnouncementChanges(store, bus);
  const reader = new AnnouncementReader(store, bus);
  const ids: string[] = [];
  for (const n of [1, 2, 3]) {
    await changes.keepPost({ draft: makeDraft({ uri: `https://council.example/notes/${n}`, authorUri: ACCOUNT, published: `2026-11-2${n}T09:00:00.000Z`, text: `Post ${n}`, html: `<p>Post ${n}</p>` }), accountUri: ACCOUNT, viaUri: null, accountLanguage: null });
    ids.push((await store.getAnnouncementByUri(`https://council.example/notes/${n}`))!.id);
  }
  events.length = 0;
  const texts = async () => (await reader.list({ limit: 10 })).map((item) => item.text);
  return { store, events, changes, reader, ids, texts, types: () => events.map((event) => event.type) };
}

describe("operator actions", () => {
  it("hide takes an announcement off every public read (one removal event, with its reason in the log); unhide brings it back", async () => {
    const { store, changes, reader, ids, texts, types } = await setUp();
    const hidden = await changes.hide(ids[1]!, { who: "api", reason: "Out of date" });
    expect(hidden).toMatchObject({ state: "hidden", hiddenReason: "Out of date" });
    expect(await texts()).toEqual(["Post 3", "Post 1"]);
    expect(await reader.one(ids[1]!)).toBeNull();
    expect(await changes.unhide(ids[1]!, API)).toMatchObject({ state: "shown", hiddenReason: null });
    expect(await texts()).toEqual(["Post 3", "Post 2", "Post 1"]);
    expect(types()).toEqual(["announcement.deleted", "announcement.created"]);
    const log = await store.moderation.listAudit({ limit: 10 });
    expect(log.map(({ who, action, target, reason }) => ({ who, action, target, reason }))).toEqual([
      { who: "api", action: "unhide", target: ids[1], reason: null },
      { who: "api", action: "hide", target: ids[1], reason: "Out of date" },
    ]);
  });

  it("an author's edit of a hidden announcement stays hidden, and its content is not announced", async () => {
    const { changes, ids, texts, events } = await setUp();
    await changes.hide(ids[0]!, API);
    events.length = 0;
    expect(await changes.keepPost({ draft: makeDraft({ uri: "https://council.example/notes/1", authorUri: ACCOUNT, published: "2026-11-21T09:00:00.000Z", updated: "2026-11-25T09:00:00.000Z", text: "Edited", html: "<p>Edited</p>" }), accountUri: ACCOUNT, viaUri: null, accountLanguage: null })).toBe("updated");
    expect(events.map((event) => event.type)).toEqual(["announcement.deleted"]);
    expect(await texts()).toEqual(["Post 3", "Post 2"]);
  });

  it("pin puts an announcement first (flagged pinned) on the first page only; unpin puts it back in date order", async () => {
    const { changes, reader, ids, texts, events } = await setUp();
    await changes.pin(ids[0]!, API);
    expect(await texts()).toEqual(["Post 1", "Post 3", "Post 2"]);
    expect((await reader.list({ limit: 10 }))[0]!.pinned).toBe(true);
    expect((await reader.page({ limit: 2 })).items.map((item) => item.text)).toEqual(["Post 1", "Post 3"]);
    expect(events.at(-1)).toMatchObject({ type: "announcement.updated", announcement: { pinned: true } });
    await changes.unpin(ids[0]!, API);
    expect(await texts()).toEqual(["Post 3", "Post 2", "Post 1"]);
  });

  it("show-until in the past ends an announcement at once (it stays in the archive); one in the future ends when due", async () => {
    const { store, changes, ids, texts, types } = await setUp();
    expect(await changes.setShowUntil(ids[2]!, "2020-01-01T00:00:00.000Z", API)).toMatchObject({ state: "expired" });
    expect(await texts()).toEqual(["Post 2", "Post 1"]);
    expect((await store.moderation.listForAdmin({ state: "expired", limit: 10, now: new Date().toISOString() })).map((item) => item.announcement.id)).toEqual([ids[2]]);
    const soon = new Date(Date.now() + 60_000).toISOString();
    await changes.setShowUntil(ids[1]!, soon, API);
    expect(await texts()).toEqual(["Post 2", "Post 1"]);
    expect(await store.moderation.getNextEnd(new Date().toISOString())).toBe(soon);
    expect(await changes.endDue(new Date().toISOString(), soon)).toBe(1);
    expect(types()).toEqual(["announcement.deleted", "announcement.updated", "announcement.deleted"]);
    await changes.setShowUntil(ids[2]!, null, API);
    expect(await texts()).toEqual(["Post 3", "Post 2", "Post 1"]);
  });

  it("answers null for an unknown id and logs nothing", async () => {
    const { store, changes, events } = await setUp();
    expect(await changes.hide("no-such-id", API)).toBeNull();
    expect(await changes.decideApproval("lobby", "no-such-id", "approved", API)).toBeNull();
    expect(events).toEqual([]);
    expect(await store.moderation.listAudit({ limit: 10 })).toEqual([]);
  });

  it("approvals are kept per screen and logged with the screen", async () => {
    const { store, changes, ids } = await setUp();
    await changes.decideApproval("lobby", ids[0]!, "approved", { who: "console" });
    await changes.decideApproval("lobby", ids[1]!, "declined", { who: "console" });
    expect([...(await store.moderation.listApprovals("lobby"))]).toEqual([[ids[0], "approved"], [ids[1], "declined"]]);
    expect(await store.moderation.listApprovals("library")).toEqual(new Map());
    expect((await store.moderation.listAudit({ limit: 1 }))[0]).toMatchObject({ who: "console", action: "decline", target: `lobby/${ids[1]}` });
  });

  it("an emergency list change flips the stored posts it names on the next (cached) read, announces each once, and is logged", async () => {
    const { store, changes, reader, ids, events } = await setUp();
    const priorities = async () => (await reader.list({ limit: 10 })).map((item) => item.priority);
    expect(await priorities()).toEqual(["normal", "normal", "normal"]);
    await changes.pin(ids[0]!, API);
    events.length = 0;
    const added = await changes.changeEmergencyLists({ add: [{ kind: "hashtag", value: "binday" }], remove: [] }, { who: "console abcdefgh" });
    expect(added).toMatchObject({ added: [{ kind: "hashtag", value: "binday" }], removed: [] });
    expect(await priorities()).toEqual(["emergency", "emergency", "emergency"]);
    expect(events.map((event) => [event.type, !("announcement" in event) ? null : [event.announcement.priority, event.announcement.pinned ?? false]])).toEqual([
      ["announcement.updated", ["emergency", false]], ["announcement.updated", ["emergency", false]], ["announcement.updated", ["emergency", true]],
    ]);
    // Listed already, or an account with no posts: nothing flips, nothing is announced.
    events.length = 0;
    expect((await changes.changeEmergencyLists({ add: [{ kind: "hashtag", value: "binday" }], remove: [] }, API)).added).toEqual([]);
    expect((await changes.changeEmergencyLists({ add: [{ kind: "account", value: "@alerts@council.example" }], remove: [] }, API)).flipped).toEqual([]);
    expect(events).toEqual([]);
    await changes.changeEmergencyLists({ add: [], remove: [{ kind: "hashtag", value: "binday" }] }, API);
    expect(await priorities()).toEqual(["normal", "normal", "normal"]);
    expect(events.map((event) => event.type)).toEqual(["announcement.updated", "announcement.updated", "announcement.updated"]);
    const log = (await store.moderation.listAudit({ limit: 3 })).map(({ who, action, target }) => ({ who, action, target }));
    expect(log).toEqual([
      { who: "api", action: "emergency-hashtag-removed", target: "#binday" },
      { who: "api", action: "emergency-account-added", target: "@alerts@council.example" },
      { who: "console abcdefgh", action: "emergency-hashtag-added", target: "#binday" },
    ]);
  });
});
