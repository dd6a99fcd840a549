import { describe, expect, it } from "vitest";
import type { Store } from "../../../lib/store/types";
import { makeDraft } from "./store-contract";

const ACCOUNT = "https://council.example/users/news";

/** What both stores keep for the conversation rules and operators: the same answers from SQLite and PostgreSQL. */
export function describeModerationContract(name: string, createStore: () => Promise<Store>) {
  describe(`${name} moderation store`, () => {
    const put = async (store: Store, n: number) => {
      const draft = makeDraft({ uri: `https://council.example/notes/${n}`, published: `2026-11-2${n}T09:00:00.000Z`, text: `Post ${n}` });
      return (await store.putAnnouncement({ draft, accountUri: ACCOUNT, viaUri: null, language: "en" })).announcement!;
    };
    const now = () => new Date().toISOString();

    it("keeps post sources, adopts replies into a thread, and keeps replies out of public reads", async () => {
      const store = await createStore();
      const draft = makeDraft({ uri: "https://council.example/notes/2", inReplyTo: "https://council.example/notes/1" });
      await store.moderation.putSource({ uri: draft.uri, accountUri: ACCOUNT, viaUri: null, inReplyTo: draft.inReplyTo, kind: "reply", rootUri: null, published: draft.published, language: "en", draft });
      expect(await store.moderation.putReply({ draft, accountUri: ACCOUNT, viaUri: null, language: "en" })).toBeNull();
      expect(await store.listAnnouncements({ limit: 10 })).toEqual([]);
      expect((await store.moderation.listForAdmin({ limit: 10, now: now() })).map((item) => item.state)).toEqual(["reply"]);
      expect(await store.moderation.adoptReplies("https://council.example/notes/1", ACCOUNT, "https://council.example/notes/1")).toEqual([draft.uri]);
      expect((await store.moderation.listThreadParts("https://council.example/notes/1")).map((part) => part.draft.uri)).toEqual([draft.uri]);
      expect(await store.moderation.listForAdmin({ limit: 10, now: now() })).toEqual([]);
    });

    it("hides, ends and pins by operator controls, and lists each state for the console", async () => {
      const store = await createStore();
      const [one, two, three] = [await put(store, 1), await put(store, 2), await put(store, 3)];
      await store.moderation.setControl(one.id, { isHidden: true, hiddenReason: "Wrong date" });
      await store.moderation.setControl(two.id, { showUntil: "2020-01-01T00:00:00.000Z" });
      await store.moderation.setControl(three.id, { pinnedAt: now() });
      expect((await store.listAnnouncements({ limit: 10 })).map((item) => item.id)).toEqual([three.id]);
      expect(await store.getAnnouncement(one.id)).toBeNull();
      expect((await store.moderation.listPinned({ now: now() })).map((item) => [item.id, item.pinned])).toEqual([[three.id, true]]);
      const states = await store.moderation.listForAdmin({ limit: 10, now: now() });
      expect(states.map((item) => [item.announcement.id, item.state, item.pinned, item.hiddenReason])).toEqual([
        [three.id, "shown", true, null], [two.id, "expired", false, null], [one.id, "hidden", false, "Wrong date"]]);
      expect((await store.moderation.listForAdmin({ state: "hidden", limit: 10, now: now() })).map((item) => item.announcement.id)).toEqual([one.id]);
      expect((await store.moderation.listForAdmin({ limit: 1, beforeId: three.id, now: now() })).map((item) => item.announcement.id)).toEqual([two.id]);
      expect(await store.moderation.listEndingBetween("2019-12-31T00:00:00.000Z", now())).toEqual([{ id: two.id, uri: two.uri }]);
    });

    it("keeps the audit log newest first with paging, approvals per screen, and a subscription's boosts setting", async () => {
      const store = await createStore();
      for (const action of ["hide", "pin", "unpin"]) await store.moderation.appendAudit({ at: now(), who: "api", action, target: "x", reason: null });
      const [first, second] = await store.moderation.listAudit({ limit: 2 });
      expect([first!.action, second!.action]).toEqual(["unpin", "pin"]);
      expect((await store.moderation.listAudit({ limit: 5, before: second!.seq })).map((entry) => entry.action)).toEqual(["hide"]);
      await store.moderation.setApproval("lobby", "a1", "approved");
      await store.moderation.setApproval("lobby", "a1", "declined");
      expect(await store.moderation.listApprovals("lobby")).toEqual(new Map([["a1", "declined"]]));
      const subscription = await store.createSubscription({ handle: "@news@council.example", actorUri: ACCOUNT, actorType: "Person", name: null, inbox: null, state: "accepted", reason: null, followId: null, language: null });
      expect(subscription.boosts).toBe("none");
      expect((await store.updateSubscription(subscription.id, { boosts: "trusted" }))?.boosts).toBe("trusted");
    });
  });
}
