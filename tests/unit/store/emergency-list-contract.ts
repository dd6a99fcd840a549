import { describe, expect, it } from "vitest";
import type { Store } from "../../../lib/store/types";
import { makeDraft } from "./store-contract";

const ACCOUNT = "https://council.example/users/news";

/** The global emergency lists operators keep: stored, listed, and applied by every announcement read of the same store at once. */
export function describeEmergencyListContract(name: string, createStore: () => Promise<Store>) {
  describe(`${name} emergency lists`, () => {
    it("adds each entry once, lists accounts before hashtags in order, and removes", async () => {
      const { emergencies } = await createStore();
      expect(await emergencies.list()).toEqual([]);
      expect(await emergencies.add("hashtag", "überschwemmung", "api", "2026-12-06T22:00:00.000Z")).toBe(true);
      expect(await emergencies.add("hashtag", "flood", "console abcd\u0000efgh", "2026-12-06T22:01:00.000Z")).toBe(true);
      expect(await emergencies.add("account", "@alerts@council.example", "api", "2026-12-06T22:02:00.000Z")).toBe(true);
      expect(await emergencies.add("hashtag", "flood", "api")).toBe(false);
      expect(await emergencies.list()).toEqual([
        { kind: "account", value: "@alerts@council.example", addedAt: "2026-12-06T22:02:00.000Z", addedBy: "api" },
        { kind: "hashtag", value: "flood", addedAt: "2026-12-06T22:01:00.000Z", addedBy: "console abcdefgh" },
        { kind: "hashtag", value: "überschwemmung", addedAt: "2026-12-06T22:00:00.000Z", addedBy: "api" },
      ]);
      expect(await emergencies.remove("hashtag", "flood")).toBe(true);
      expect(await emergencies.remove("hashtag", "flood")).toBe(false);
      expect(await emergencies.remove("account", "flood")).toBe(false);
      expect((await emergencies.list()).map((entry) => entry.value)).toEqual(["@alerts@council.example", "überschwemmung"]);
    });

    it("makes an account's stored posts emergencies on the next read of every kind, and normal again when removed", async () => {
      const store = await createStore();
      await store.upsertAccount({ uri: ACCOUNT, handle: "@news@council.example", name: "City News", url: null, avatarUrl: null });
      const { announcement } = await store.putAnnouncement({ draft: makeDraft({ tags: ["BinDay"] }), accountUri: ACCOUNT, viaUri: null, language: "en" });
      const priorities = async () => [
        (await store.getAnnouncement(announcement!.id))!.priority,
        (await store.getAnnouncementByUri(announcement!.uri))!.priority,
        ...(await store.listAnnouncements({ limit: 10 })).map((item) => item.priority),
        (await store.moderation.getForAdmin(announcement!.id, new Date().toISOString()))!.announcement.priority,
        ...(await store.moderation.listForAdmin({ limit: 10, now: new Date().toISOString() })).map((item) => item.announcement.priority),
      ];
      expect(new Set(await priorities())).toEqual(new Set(["normal"]));
      await store.emergencies.add("account", "@news@council.example", "api");
      expect(await priorities()).toEqual(Array(5).fill("emergency"));
      await store.emergencies.remove("account", "@news@council.example");
      expect(await priorities()).toEqual(Array(5).fill("normal"));
      // Hashtags are compared as screens compare them: the stored "binday" matches the post's "BinDay".
      await store.emergencies.add("hashtag", "binday", "api");
      expect(await priorities()).toEqual(Array(5).fill("emergency"));
      // An account whose handle is a prefix of another's is not that account.
      await store.emergencies.remove("hashtag", "binday");
      await store.emergencies.add("account", "@news@council.exam", "api");
      expect(await priorities()).toEqual(Array(5).fill("normal"));
    });
  });
}
