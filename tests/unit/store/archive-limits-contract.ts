import { describe, expect, it } from "vitest";
import type { ArchiveLimits } from "../../../lib/store/archive-limits";
import type { Store } from "../../../lib/store/types";
import { makeDraft } from "./store-contract";

const ACCOUNT = "https://council.example/users/news";
const OTHER_ACCOUNT = "https://council.example/users/roads";
const HOUR = 3_600_000;

/** Edits `count` times, each with new text; answers the changes the store reported. */
async function edit(store: Store, uri: string, count: number, accountUri = ACCOUNT, from = 0) {
  const changes: string[] = [];
  for (let index = from; index < from + count; index++) {
    const text = `Edit ${index} of ${uri}.`;
    const { change } = await store.putAnnouncement({ draft: makeDraft({ uri, authorUri: accountUri, text, html: `<p>${text}</p>` }), accountUri, viaUri: null, language: "en" });
    changes.push(change);
  }
  return changes;
}

/**
 * The archive's bounds, for every Store implementation: the newest versions per post
 * (oldest out) and an hourly allowance of edits per account. `createStore` gets the
 * limits and a clock the test moves.
 */
export function describeArchiveLimitsContract(name: string, createStore: (limits: ArchiveLimits) => Promise<Store>) {
  describe(`${name} store: archive limits`, () => {
    it("keeps the newest versions of a post, oldest out, deletions included", async () => {
      const store = await createStore({ maxVersionsPerPost: 5, maxUpdatesPerAccountPerHour: 1_000 });
      const uri = "https://council.example/notes/many-edits";
      expect(await edit(store, uri, 12)).toEqual(["created", ...Array(11).fill("updated")]);
      const { id } = (await store.getAnnouncementByUri(uri))!;
      let versions = await store.listVersions(id);
      expect(versions.map((version) => version.version)).toEqual([8, 9, 10, 11, 12]);
      expect(versions.at(-1)!.announcement.text).toBe(`Edit 11 of ${uri}.`);
      await store.deleteAnnouncement(uri);
      versions = await store.listVersions(id);
      expect(versions.map((version) => [version.version, version.event])).toEqual([[9, "updated"], [10, "updated"], [11, "updated"], [12, "updated"], [13, "deleted"]]);
    });

    it("bounds each post on its own: one post's edits never push out another's versions", async () => {
      const store = await createStore({ maxVersionsPerPost: 3, maxUpdatesPerAccountPerHour: 1_000 });
      await edit(store, "https://council.example/notes/quiet", 2);
      await edit(store, "https://council.example/notes/busy", 10);
      const quiet = (await store.getAnnouncementByUri("https://council.example/notes/quiet"))!;
      expect((await store.listVersions(quiet.id)).map((version) => version.event)).toEqual(["created", "updated"]);
    });

    it("refuses an account's edits past its hourly allowance, keeps what was stored, and allows them again next hour", async () => {
      let now = Date.UTC(2026, 11, 6, 10, 0, 0);
      const store = await createStore({ maxVersionsPerPost: 100, maxUpdatesPerAccountPerHour: 4, now: () => now });
      const first = "https://council.example/notes/first";
      const second = "https://council.example/notes/second";
      // Creates are not edits: both posts are stored, then 4 edits across them are allowed.
      expect(await edit(store, first, 3)).toEqual(["created", "updated", "updated"]);
      expect(await edit(store, second, 4)).toEqual(["created", "updated", "updated", "limited"]);
      expect(await edit(store, first, 1, ACCOUNT, 3)).toEqual(["limited"]);
      const stored = (await store.getAnnouncementByUri(first))!;
      expect(stored.text).toBe(`Edit 2 of ${first}.`);
      expect(await store.listVersions(stored.id)).toHaveLength(3);
      // A new post still arrives, and an identical re-delivery is not an edit.
      expect(await edit(store, "https://council.example/notes/third", 1)).toEqual(["created"]);
      expect(await edit(store, first, 1, ACCOUNT, 2)).toEqual(["unchanged"]);
      // Another account has its own allowance.
      expect(await edit(store, "https://council.example/notes/roads", 3, OTHER_ACCOUNT)).toEqual(["created", "updated", "updated"]);
      now += HOUR;
      expect(await edit(store, first, 1, ACCOUNT, 10)).toEqual(["updated"]);
      expect((await store.getAnnouncementByUri(first))!.text).toBe(`Edit 10 of ${first}.`);
    });
  });
}
