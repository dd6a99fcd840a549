import { isSameOrigin } from "../announcements/authorship";
import { dropForeignPrivateLinks, isAuthoredBy } from "../announcements/from-activity-streams";
import { decideLanguage } from "../announcements/language-identification";
import type { Announcement, AnnouncementDraft } from "../announcements/types";
import { getEventBus, type EventBus } from "../events/bus";
import { getCrierLogger } from "../log";
import { getStore, type Store } from "../store";

// The one write path for announcements (STYLE.md habit 14). Every change (a post
// kept or edited, removed, an account hidden, a Group's relay withdrawn, and the
// operator actions to come) is stored here and then announced here, exactly once,
// so screens, pages, feeds and caches can never miss one. Nothing else calls
// EventBus.publish. No Fedify: callers have already decided who sent what.

const logger = getCrierLogger("ingest");

/** What happened to a post offered to keepPost. */
export type KeepOutcome = "created" | "updated" | "unchanged" | "not-authored" | "conflict" | "older" | "deleted-earlier" | "limited";

export interface KeepRequest {
  draft: AnnouncementDraft;
  /** The account the post is shown under: its author. */
  accountUri: string;
  /** The Group that relayed it, or null when its author sent it. */
  viaUri: string | null;
  /** The language of the account's posts when a post does not say (the subscription's setting). */
  accountLanguage: string | null;
  /** Stored priority: "emergency" for a CAP alert at or above its source's minSeverity (default "normal"). */
  priority?: Announcement["priority"];
}

export interface AnnouncementChanges {
  /** Keeps a post its author wrote (Create, Update, backfill, a Group's relay fetched from the post's own server). */
  keepPost(request: KeepRequest): Promise<KeepOutcome>;
  /** Removes a post its author deleted; ignored when `actorUri` is not the stored post's author. */
  removeByAuthor(actorUri: string, objectUri: string): Promise<boolean>;
  /** Removes a post whose own server said it is gone (404, 410, a Tombstone). */
  removeConfirmedGone(objectUri: string): Promise<boolean>;
  /** Hides every announcement of an account (the account was deleted, or unfollowed). */
  hideAccount(accountUri: string): Promise<number>;
  /** Withdraws a post a Group relayed, when the Group undoes its Announce. */
  hideRelayed(groupUri: string, objectUri: string): Promise<boolean>;
}

/** Builds the write path over a store and an event bus (the process's own by default; tests pass their own). */
export function createAnnouncementChanges(store: Store, bus: EventBus): AnnouncementChanges {
  const announceRemoval = (removed: Pick<Announcement, "id" | "uri">[]) => {
    for (const { id, uri } of removed) bus.publish({ type: "announcement.deleted", id, uri });
  };

  /** Why a post may not replace what is stored under its IRI (`existing`), or null when it may. */
  function findConflict(draft: AnnouncementDraft, accountUri: string, existing: Announcement | null): Exclude<KeepOutcome, "created" | "updated" | "unchanged"> | null {
    if (!existing) return null;
    // A server's other user reusing the IRI never takes a post over.
    if (existing.account.uri !== accountUri) return "conflict";
    // A replayed Create or an out-of-order Update never rolls an edit back.
    if (existing.updated !== null && (draft.updated === null || draft.updated < existing.updated)) return "older";
    return null;
  }

  return {
    async keepPost({ draft, accountUri, viaUri, accountLanguage, priority }) {
      // Shown under its author's account, whoever delivered it: the author must be that
      // account and the post must live on its server (a Group relays, never authors).
      if (!isAuthoredBy(draft, accountUri)) {
        logger.warn("Skipped {uri}: it is not by {account} on its own server (attributed to {author}).", { uri: draft.uri, account: accountUri, author: draft.authorUri });
        return "not-authored";
      }
      const existing = await store.getAnnouncementByUri(draft.uri);
      const conflict = findConflict(draft, accountUri, existing);
      if (conflict !== null) {
        logger.warn("Skipped {uri} from {account}: {conflict}.", { uri: draft.uri, account: accountUri, conflict: conflict === "conflict" ? "it belongs to another account" : "it is older than the version shown" });
        return conflict;
      }
      draft = dropForeignPrivateLinks(draft, accountUri);
      if (draft.truncated) logger.warn("Truncated {fields} of {uri}: larger than Crier keeps.", { fields: draft.truncated.join(", "), uri: draft.uri });
      const language = await decideLanguage({ declared: draft.language, accountLanguage, text: draft.text });
      // A post that gives no date is dated when Crier received it (and keeps that date through edits), never 1970.
      const published = draft.published ?? existing?.published ?? new Date().toISOString();
      const { change, announcement } = await store.putAnnouncement({ draft: { ...draft, published }, accountUri, viaUri, language, priority });
      if (announcement && (change === "created" || change === "updated")) {
        bus.publish({ type: `announcement.${change}`, announcement });
        logger.info("Announcement {id} {change} from {uri}.", { id: announcement.id, change, uri: draft.uri });
        return change;
      }
      if (change === "ignored") {
        logger.info("Ignored {uri}: its author deleted it earlier.", { uri: draft.uri });
        return "deleted-earlier";
      }
      if (change === "limited") {
        logger.warn("Skipped an edit of {uri}: {account} has made more edits this hour than ACCOUNT_UPDATES_PER_HOUR allows.", { uri: draft.uri, account: accountUri });
        return "limited";
      }
      return "unchanged";
    },

    async removeByAuthor(actorUri, objectUri) {
      const existing = await store.getAnnouncementByUri(objectUri);
      if (existing && existing.account.uri !== actorUri) {
        logger.warn("Ignored a Delete of {uri} by {actor}, who is not its author.", { uri: objectUri, actor: actorUri });
        return false;
      }
      // Remembered even when not stored (a Delete before its Create), but only on the author's own server.
      if (!existing && !isSameOrigin(objectUri, actorUri)) return false;
      const removed = await store.deleteAnnouncement(objectUri);
      if (removed) announceRemoval([removed]);
      return removed !== null;
    },

    async removeConfirmedGone(objectUri) {
      const removed = await store.deleteAnnouncement(objectUri);
      if (removed) announceRemoval([removed]);
      return removed !== null;
    },

    async hideAccount(accountUri) {
      const hidden = await store.hideAnnouncementsOfAccount(accountUri);
      announceRemoval(hidden);
      return hidden.length;
    },

    async hideRelayed(groupUri, objectUri) {
      const hidden = await store.hideAnnouncedBy(groupUri, objectUri);
      if (hidden) announceRemoval([hidden]);
      return hidden !== null;
    },
  };
}

/** The process's write path, over its store and event bus. */
export function getAnnouncementChanges(): AnnouncementChanges {
  return createAnnouncementChanges(getStore(), getEventBus());
}
