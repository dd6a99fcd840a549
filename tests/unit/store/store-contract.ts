import { describe, expect, it } from "vitest";
import type { DatedDraft } from "../../../lib/announcements/types";
import type { Store } from "../../../lib/store/types";
import type { ScreenConfig } from "../../../lib/signage/types";

export function makeDraft(overrides: Partial<DatedDraft> = {}): DatedDraft {
  return {
    uri: "https://council.example/notes/1",
    url: "https://council.example/@news/1",
    authorUri: "https://council.example/users/news",
    objectType: "Note",
    published: "2026-11-20T09:00:00.000Z",
    updated: null,
    language: "en",
    summary: null,
    sensitive: false,
    html: "<p>Bins are collected on Saturday.</p>",
    text: "Bins are collected on Saturday.",
    attachments: [],
    tags: ["BinDay"],
    visibility: "public",
    inReplyTo: null,
    ...overrides,
  };
}

const ACCOUNT = "https://council.example/users/news";

const SCREEN: ScreenConfig = {
  name: "lobby", accounts: ["@news@council.example"], hashtags: [], slideSeconds: 12, orientation: "portrait", theme: "dark",
  openingHours: "Mo-Fr 08:00-18:00", timeZone: "Europe/London", closedMode: "blank", emergencyAccounts: [], emergencyHashtags: ["flood"], emergencyMinutes: 60, listen: false, listenKey: "F9",
};
const GROUP = "https://council.example/c/noticeboard";

/**
 * The behaviour every Store implementation must have. Each backend's test file
 * calls this with a factory for a fresh, empty store.
 */
export function describeStoreContract(name: string, createStore: () => Promise<Store>) {
  describe(`${name} store`, () => {
    const put = (store: Store, draft = makeDraft(), viaUri: string | null = null) =>
      store.putAnnouncement({ draft, accountUri: ACCOUNT, viaUri, language: draft.language ?? "und" });

    it("creates, then treats an identical re-delivery as unchanged (idempotent by IRI)", async () => {
      const store = await createStore();
      await store.upsertAccount({ uri: ACCOUNT, handle: "@news@council.example", name: "City News", url: null, avatarUrl: null });
      const first = await put(store);
      expect(first.change).toBe("created");
      expect(first.announcement?.account).toMatchObject({ handle: "@news@council.example", name: "City News" });
      const again = await put(store);
      expect(again.change).toBe("unchanged");
      expect(again.announcement?.id).toBe(first.announcement?.id);
      expect(await store.listAnnouncements({ limit: 10 })).toHaveLength(1);
    });

    it("replaces on edit and keeps every version in the archive", async () => {
      const store = await createStore();
      const { announcement } = await put(store);
      const edited = await put(store, makeDraft({ text: "Bins are collected on Monday.", html: "<p>Bins are collected on Monday.</p>" }));
      expect(edited.change).toBe("updated");
      expect((await store.getAnnouncement(announcement!.id))?.text).toBe("Bins are collected on Monday.");
      await store.deleteAnnouncement(makeDraft().uri);
      const versions = await store.listVersions(announcement!.id);
      expect(versions.map((version) => version.event)).toEqual(["created", "updated", "deleted"]);
      expect(versions[0]!.announcement.text).toBe("Bins are collected on Saturday.");
    });

    it("never brings back a post its author deleted", async () => {
      const store = await createStore();
      await put(store);
      const removed = await store.deleteAnnouncement(makeDraft().uri);
      expect(removed?.uri).toBe(makeDraft().uri);
      expect(await store.getAnnouncementByUri(makeDraft().uri)).toBeNull();
      expect((await put(store)).change).toBe("ignored");
      expect(await store.listAnnouncements({ limit: 10 })).toHaveLength(0);
    });

    it("hides an unfollowed account's posts, and shows them again when re-delivered", async () => {
      const store = await createStore();
      await put(store);
      await put(store, makeDraft({ uri: "https://council.example/notes/2" }), GROUP);
      expect(await store.hideAnnouncementsOfAccount(ACCOUNT)).toHaveLength(2);
      expect(await store.listAnnouncements({ limit: 10 })).toHaveLength(0);
      expect((await put(store)).change).toBe("created");
    });

    it("hides what a Group announced on Undo, unless it also arrived directly", async () => {
      const store = await createStore();
      await put(store, makeDraft({ uri: "https://council.example/notes/3" }), GROUP);
      await put(store, makeDraft({ uri: "https://council.example/notes/4" }), null);
      await put(store, makeDraft({ uri: "https://council.example/notes/4" }), GROUP);
      expect(await store.hideAnnouncedBy(GROUP, "https://council.example/notes/3")).not.toBeNull();
      expect(await store.hideAnnouncedBy(GROUP, "https://council.example/notes/4")).toBeNull();
    });

    it("lists newest first, by account, and pages with before=", async () => {
      const store = await createStore();
      await store.upsertAccount({ uri: ACCOUNT, handle: "@news@council.example", name: "City News", url: null, avatarUrl: null });
      for (let day = 1; day <= 5; day++) {
        await put(store, makeDraft({ uri: `https://council.example/notes/d${day}`, published: `2026-11-0${day}T10:00:00.000Z` }));
      }
      const firstPage = await store.listAnnouncements({ limit: 2 });
      expect(firstPage.map((item) => item.published.slice(0, 10))).toEqual(["2026-11-05", "2026-11-04"]);
      const secondPage = await store.listAnnouncements({ limit: 2, beforeId: firstPage[1]!.id });
      expect(secondPage.map((item) => item.published.slice(0, 10))).toEqual(["2026-11-03", "2026-11-02"]);
      expect(await store.listAnnouncements({ limit: 10, accountHandle: "@NEWS@council.example" })).toHaveLength(5);
      expect(await store.listAnnouncements({ limit: 10, accountHandle: "@other@council.example" })).toHaveLength(0);
    });

    it("says which followed account relayed a post (via), and lists it under that account too", async () => {
      const store = await createStore();
      await store.upsertAccount({ uri: ACCOUNT, handle: "@news@council.example", name: "City News", url: null, avatarUrl: null });
      await store.upsertAccount({ uri: GROUP, handle: "@noticeboard@council.example", name: "Noticeboard", url: "https://council.example/c/noticeboard/", avatarUrl: null });
      const relayed = (await put(store, makeDraft({ uri: "https://council.example/notes/r1" }), GROUP)).announcement!;
      const direct = (await put(store, makeDraft({ uri: "https://council.example/notes/r2", published: "2026-11-21T09:00:00.000Z" }))).announcement!;
      const via = { handle: "@noticeboard@council.example", name: "Noticeboard", uri: GROUP, url: "https://council.example/c/noticeboard/" };
      expect(relayed.via).toEqual(via);
      expect(direct.via).toBeUndefined();
      expect((await store.getAnnouncement(relayed.id))?.via).toEqual(via);
      expect((await store.listAnnouncements({ limit: 10, accountHandle: "@Noticeboard@council.example" })).map((item) => item.id)).toEqual([relayed.id]);
      expect((await store.listAnnouncements({ limit: 10, accountHandle: "@news@council.example" })).map((item) => item.id)).toEqual([direct.id, relayed.id]);
      // The relaying account's later rename shows on what it relayed.
      await store.upsertAccount({ uri: GROUP, handle: "@noticeboard@council.example", name: "Community board", url: null, avatarUrl: null });
      expect((await store.getAnnouncement(relayed.id))?.via?.name).toBe("Community board");
    });

    it("pages in a stable order through posts published at the same moment", async () => {
      const store = await createStore();
      for (let n = 1; n <= 5; n++) await put(store, makeDraft({ uri: `https://council.example/notes/same-${n}` }));
      const seen: string[] = [];
      let page = await store.listAnnouncements({ limit: 2 });
      while (page.length > 0) {
        seen.push(...page.map((item) => item.id));
        page = await store.listAnnouncements({ limit: 2, beforeId: page.at(-1)!.id });
      }
      expect(seen).toHaveLength(5);
      expect(seen).toEqual([...seen].sort().reverse());
    });

    it("stores a post delivered several times at once only once", async () => {
      const store = await createStore();
      const results = await Promise.all(Array.from({ length: 6 }, () => put(store)));
      expect(results.map((result) => result.change).sort()).toEqual(["created", "unchanged", "unchanged", "unchanged", "unchanged", "unchanged"]);
      expect(await store.listVersions(results[0]!.announcement!.id)).toHaveLength(1);
    });

    it("keeps subscriptions and finds them by actor, handle and follow id", async () => {
      const store = await createStore();
      const created = await store.createSubscription({
        handle: "@news@council.example", actorUri: ACCOUNT, actorType: "Person", name: "City News",
        inbox: `${ACCOUNT}/inbox`, state: "pending", reason: null, followId: "https://crier.example/ap/follows/1", language: "en",
      });
      expect((await store.findSubscriptionByActor(ACCOUNT))?.id).toBe(created.id);
      expect((await store.findSubscriptionByHandle("@NEWS@council.example"))?.id).toBe(created.id);
      expect((await store.findSubscriptionByFollowId("https://crier.example/ap/follows/1"))?.id).toBe(created.id);
      const accepted = await store.updateSubscription(created.id, { state: "accepted" });
      expect(accepted?.state).toBe("accepted");
      expect(accepted?.followId).toBe("https://crier.example/ap/follows/1");
      expect(await store.listSubscriptions()).toHaveLength(1);
      expect(await store.deleteSubscription(created.id)).toBe(true);
      expect(await store.getSubscription(created.id)).toBeNull();
    });

    it("marks accounts official through the supplied rule", async () => {
      const store = await createStore();
      await store.upsertAccount({ uri: ACCOUNT, handle: "@news@council.example", name: "City News", url: null, avatarUrl: null });
      const { announcement } = await put(store);
      expect(announcement?.account.official).toBe(true);
    });

    it("drops NUL characters from names and reasons (both backends alike), and keeps them in posts", async () => {
      const store = await createStore();
      await store.upsertAccount({ uri: ACCOUNT, handle: "@news@council.example", name: "City\u0000 News", url: null, avatarUrl: null });
      expect((await store.getAccount(ACCOUNT))?.name).toBe("City News");
      const created = await store.createSubscription({
        handle: "@news@council.example", actorUri: ACCOUNT, actorType: "Person", name: "City\u0000 News",
        inbox: null, state: "pending", reason: null, followId: null, language: null,
      });
      expect(created.name).toBe("City News");
      expect((await store.updateSubscription(created.id, { reason: "bad\u0000 reason" }))?.reason).toBe("bad reason");
      await store.recordHeartbeat({ screen: "lobby", device: "kiosk\u00001", lastSeen: new Date().toISOString(), showing: "x\u0000y", state: "rotating" }, 5);
      expect(await store.getHeartbeat("lobby", "kiosk1")).toMatchObject({ device: "kiosk1", showing: "xy" });
      const { announcement } = await put(store, makeDraft({ text: "Bins\u0000 out", html: "<p>Bins\u0000 out</p>" }));
      expect((await store.getAnnouncement(announcement!.id))?.text).toBe("Bins\u0000 out");
    });

    it("keeps settings", async () => {
      const store = await createStore();
      expect(await store.getSetting("x")).toBeNull();
      await store.setSetting("x", "1");
      await store.setSetting("x", "2");
      expect(await store.getSetting("x")).toBe("2");
    });

    it("keeps screens: create, replace (keeping createdAt), list by name, delete", async () => {
      const store = await createStore();
      expect(await store.listScreens()).toEqual([]);
      const lobby = { ...SCREEN, name: "lobby" };
      const created = await store.putScreen(lobby);
      expect(created).toMatchObject({ ...lobby, createdAt: expect.any(String), updatedAt: expect.any(String) });
      await store.putScreen({ ...SCREEN, name: "annex" });
      const replaced = await store.putScreen({ ...lobby, theme: "contrast", hashtags: ["flood"] });
      expect(replaced).toMatchObject({ theme: "contrast", hashtags: ["flood"], createdAt: created.createdAt });
      expect((await store.listScreens()).map((screen) => screen.name)).toEqual(["annex", "lobby"]);
      expect((await store.getScreen("lobby"))?.theme).toBe("contrast");
      expect(await store.getScreen("nowhere")).toBeNull();
      expect(await store.deleteScreen("lobby")).toBe(true);
      expect(await store.deleteScreen("lobby")).toBe(false);
      expect((await store.listScreens()).map((screen) => screen.name)).toEqual(["annex"]);
    });

    it("records heartbeats per device, keeps the newest few, and hands a reload request over once", async () => {
      const store = await createStore();
      const beat = (device: string, minute: number, showing: string | null = null) =>
        store.recordHeartbeat({ screen: "lobby", device, lastSeen: `2026-11-22T10:${String(minute).padStart(2, "0")}:00.000Z`, showing, state: "rotating" }, 3);
      expect(await beat("pi-1", 1)).toEqual({ reload: false });
      await beat("pi-2", 2);
      await beat("pi-3", 3);
      await beat("pi-1", 4, "abc");
      await beat("pi-4", 5); // pushes out pi-2, the one seen longest ago
      expect((await store.listHeartbeats("lobby")).map((item) => item.device)).toEqual(["pi-4", "pi-1", "pi-3"]);
      expect(await store.getHeartbeat("lobby", "pi-1")).toMatchObject({ showing: "abc", state: "rotating", lastSeen: "2026-11-22T10:04:00.000Z" });
      expect(await store.getHeartbeat("lobby", "pi-2")).toBeNull();
      expect(await store.requestReload("lobby", "pi-3")).toBe(1);
      expect(await beat("pi-3", 6)).toEqual({ reload: true });
      expect(await beat("pi-3", 7)).toEqual({ reload: false });
      expect(await store.requestReload("lobby", null)).toBe(3);
      expect(await beat("pi-1", 8)).toEqual({ reload: true });
      expect(await store.requestReload("annex", null)).toBe(0);
      await store.recordHeartbeat({ screen: "annex", device: "pi-9", lastSeen: "2026-11-22T11:00:00.000Z", showing: null, state: "closed" }, 3);
      expect((await store.listHeartbeats()).map((item) => `${item.screen}/${item.device}`)[0]).toBe("annex/pi-9");
      await store.putScreen({ ...SCREEN, name: "annex" });
      await store.deleteScreen("annex");
      expect(await store.listHeartbeats("annex")).toEqual([]);
    });

    it("enrols devices with a secret's hash, refuses a name twice, and revokes them with their heartbeat", async () => {
      const store = await createStore();
      expect(await store.enrolDevice("lobby", "pi-1", "hash-1")).toBe(true);
      expect(await store.enrolDevice("lobby", "pi-1", "hash-other")).toBe(false);
      expect(await store.enrolDevice("annex", "pi-1", "hash-2")).toBe(true);
      expect(await store.getDeviceSecretHash("lobby", "pi-1")).toBe("hash-1");
      expect(await store.getDeviceSecretHash("lobby", "pi-2")).toBeNull();
      expect((await store.listDevices()).map((item) => `${item.screen}/${item.device}`)).toEqual(["annex/pi-1", "lobby/pi-1"]);
      expect(await store.listDevices("lobby")).toEqual([expect.objectContaining({ screen: "lobby", device: "pi-1", enrolledAt: expect.any(String) })]);
      await store.recordHeartbeat({ screen: "lobby", device: "pi-1", lastSeen: "2026-11-22T10:00:00.000Z", showing: null, state: "rotating" }, 50);
      expect(await store.revokeDevice("lobby", "pi-1")).toBe(true);
      expect(await store.revokeDevice("lobby", "pi-1")).toBe(false);
      expect(await store.getDeviceSecretHash("lobby", "pi-1")).toBeNull();
      expect(await store.getHeartbeat("lobby", "pi-1")).toBeNull();
      await store.putScreen({ ...SCREEN, name: "annex" });
      await store.deleteScreen("annex");
      expect(await store.listDevices()).toEqual([]);
    });

    it("keeps admin sessions by hash, with their operator's name, until they are deleted, and drops expired ones", async () => {
      const store = await createStore();
      await store.createAdminSession("old", "2026-11-22T10:00:00.000Z", "2026-11-21T22:00:00.000Z");
      await store.createAdminSession("new", "2026-11-22T23:00:00.000Z", "2026-11-22T11:00:00.000Z", "Aroha Ngata");
      await store.createAdminSession("unnamed", "2026-11-22T23:00:00.000Z", "2026-11-22T11:00:00.000Z");
      expect(await store.getAdminSession("old")).toBeNull(); // expired when "new" began
      expect(await store.getAdminSession("new")).toEqual({ expiresAt: "2026-11-22T23:00:00.000Z", name: "Aroha Ngata" });
      expect(await store.getAdminSession("unnamed")).toEqual({ expiresAt: "2026-11-22T23:00:00.000Z", name: "" });
      await store.deleteAdminSession("new");
      expect(await store.getAdminSession("new")).toBeNull();
    });
  });
}
