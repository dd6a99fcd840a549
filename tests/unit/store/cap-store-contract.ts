import { describe, expect, it } from "vitest";
import type { CapVersion } from "../../../lib/store/cap-store";
import type { Store } from "../../../lib/store/types";

const version = (announcementId: string, seq: number, overrides: Partial<CapVersion> = {}): CapVersion => ({
  announcementId, seq, identifier: `crier-${announcementId}-${seq}`, msgType: seq === 1 ? "Alert" : "Update",
  sent: `2026-12-06T18:0${seq}:00+00:00`, fingerprint: `f${seq}`, expires: "2026-12-07T06:00:00+00:00", language: "de", headline: "Hochwasser\u0000 am Fluss", ...overrides,
});

/** What every store keeps for CAP: published messages (one per seq, first writer wins) and sources. */
export function describeCapStoreContract(name: string, createStore: () => Promise<Store>) {
  describe(`${name} CAP store`, () => {
    it("keeps each announcement's messages in order; a second writer of the same seq loses", async () => {
      const { cap } = await createStore();
      expect(await cap.addVersion(version("a", 1))).toBe(true);
      expect(await cap.addVersion(version("a", 2))).toBe(true);
      expect(await cap.addVersion(version("a", 2, { identifier: "other", fingerprint: "other" }))).toBe(false);
      expect(await cap.addVersion(version("b", 1))).toBe(true);
      expect(await cap.addVersion(version("b", 2, { msgType: "Cancel", expires: null }))).toBe(true);
      expect((await cap.listVersions("a")).map((v) => [v.seq, v.identifier, v.msgType, v.language, v.headline])).toEqual([[1, "crier-a-1", "Alert", "de", "Hochwasser am Fluss"], [2, "crier-a-2", "Update", "de", "Hochwasser am Fluss"]]);
      const latest = await cap.listLatestVersions();
      expect(latest.map((v) => [v.announcementId, v.seq, v.msgType, v.expires])).toEqual([
        ["a", 2, "Update", "2026-12-07T06:00:00+00:00"],
        ["b", 2, "Cancel", null],
      ]);
      expect(await cap.listVersions("none")).toEqual([]);
    });

    it("adds, lists, pauses and removes sources; a URL is followed once", async () => {
      const { cap } = await createStore();
      const source = await cap.createSource({ url: "https://alerts.example/cap.atom", name: "Civil\u0000 Defence", minSeverity: "Severe", area: null });
      expect(source).toMatchObject({ kind: "cap", url: "https://alerts.example/cap.atom", name: "Civil Defence", minSeverity: "Severe", area: null, paused: false, state: "pending", etag: null });
      expect(await cap.createSource({ url: "https://alerts.example/cap.atom", name: "again", minSeverity: "Minor", area: null })).toBeNull();
      const paused = await cap.updateSource(source!.id, { paused: true, state: "ok", etag: '"v1"', lastModified: "Sun, 06 Dec 2026 18:00:00 GMT", lastPolledAt: "2026-12-06T18:00:00.000Z", reason: null });
      expect(paused).toMatchObject({ paused: true, state: "ok", etag: '"v1"', lastModified: "Sun, 06 Dec 2026 18:00:00 GMT" });
      expect((await cap.listSources()).map((s) => s.id)).toEqual([source!.id]);
      expect(await cap.updateSource("missing", { paused: true })).toBeNull();
      expect(await cap.deleteSource(source!.id)).toBe(true);
      expect(await cap.deleteSource(source!.id)).toBe(false);
      expect(await cap.getSource(source!.id)).toBeNull();
    });

    it("keeps push subscriptions by endpoint: a second subscribe replaces the keys", async () => {
      const { push } = await createStore();
      const first = await push.putSubscription({ endpoint: "https://push.example/a", p256dh: "key1", auth: "auth1", language: "de" });
      const again = await push.putSubscription({ endpoint: "https://push.example/a", p256dh: "key2", auth: "auth2", language: null });
      expect(again).toMatchObject({ id: first.id, p256dh: "key2", auth: "auth2", language: null });
      await push.putSubscription({ endpoint: "https://push.example/b", p256dh: "k", auth: "a", language: "en" });
      expect(await push.countSubscriptions()).toBe(2);
      expect((await push.getSubscription(first.id))?.endpoint).toBe("https://push.example/a");
      expect(await push.deleteSubscription("https://push.example/a")).toBe(true);
      expect(await push.deleteSubscription("https://push.example/a")).toBe(false);
      expect((await push.listSubscriptions()).map((record) => record.endpoint)).toEqual(["https://push.example/b"]);
    });

    it("lists push subscriptions a page at a time, in id order, so a fan-out never holds them all", async () => {
      const { push } = await createStore();
      for (let n = 0; n < 7; n++) await push.putSubscription({ endpoint: `https://push.example/${n}`, p256dh: "k", auth: "a", language: null });
      const seen: string[] = [];
      let after: string | undefined;
      for (let page = await push.listSubscriptions({ limit: 3 }); page.length > 0; page = await push.listSubscriptions({ after, limit: 3 })) {
        expect(page.length).toBeLessThanOrEqual(3);
        seen.push(...page.map((record) => record.endpoint));
        after = page.at(-1)!.id;
      }
      expect(seen.sort()).toEqual([0, 1, 2, 3, 4, 5, 6].map((n) => `https://push.example/${n}`));
      expect((await push.listSubscriptions()).map((record) => record.id)).toEqual((await push.listSubscriptions()).map((record) => record.id).sort());
    });
  });
}
