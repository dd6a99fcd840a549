import { isSameOrigin } from "../announcements/authorship";
import { dropForeignPrivateLinks, isAuthoredBy } from "../announcements/from-activity-streams";
import { decideLanguage } from "../announcements/language-identification";
import type { Announcement, AnnouncementDraft } from "../announcements/types";
import { getEventBus, type EventBus } from "../events/bus";
import { getCrierLogger } from "../log";
import { getStore, type Store } from "../store";
import { joinThread } from "../announcements/threads";
import type { AdminAnnouncementItem, AnnouncementControl, ApprovalDecision, PostSource } from "../store/moderation-store";
import { getSourceVersion, nameMentionsFromStore, placePost } from "./conversation";
import { applyEmergencyListChange, type EmergencyListChange, type EmergencyListOutcome } from "./emergency-list-changes";

// The one write path for announcements (STYLE.md habit 14). Every change (a post
// kept or edited, removed, an account hidden, a Group's relay withdrawn, and the
// operator actions to come) is stored here and then announced here, exactly once,
// so screens, pages, feeds and caches can never miss one. Nothing else calls
// EventBus.publish. No Fedify: callers have already decided who sent what.

const logger = getCrierLogger("ingest");

/** What happened to a post offered to keepPost. */
export type KeepOutcome = "created" | "updated" | "unchanged" | "not-authored" | "conflict" | "older" | "deleted-earlier" | "limited" | "reply";

/** Who took an operator action, as the audit log names them: the console session's name, or "api" for the bearer token. */
export interface OperatorAction {
  who: string;
  reason?: string | null;
}

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

  // Operator actions: each is written to the audit log and announced once; null for an unknown id.
  hide(id: string, action: OperatorAction): Promise<AdminAnnouncementItem | null>;
  unhide(id: string, action: OperatorAction): Promise<AdminAnnouncementItem | null>;
  pin(id: string, action: OperatorAction): Promise<AdminAnnouncementItem | null>;
  unpin(id: string, action: OperatorAction): Promise<AdminAnnouncementItem | null>;
  /** Sets (ISO time) or clears (null) when an announcement leaves every public channel. */
  setShowUntil(id: string, showUntil: string | null, action: OperatorAction): Promise<AdminAnnouncementItem | null>;
  /** Approves or declines an announcement for one screen whose posts wait for approval. */
  decideApproval(screen: string, id: string, decision: ApprovalDecision, action: OperatorAction): Promise<AdminAnnouncementItem | null>;
  /** Announces the end of every announcement whose show-until time fell in (after, upTo]; answers how many. */
  endDue(after: string, upTo: string): Promise<number>;
  /** Changes the global emergency lists (each entry audit-logged) and announces every shown announcement whose priority it flipped. */
  changeEmergencyLists(change: EmergencyListChange, action: OperatorAction): Promise<EmergencyListOutcome>;
}

/** Builds the write path over a store and an event bus (the process's own by default; tests pass their own). */
export function createAnnouncementChanges(store: Store, bus: EventBus): AnnouncementChanges {
  const announceRemoval = (removed: Pick<Announcement, "id" | "uri">[]) => {
    for (const { id, uri } of removed) bus.publish({ type: "announcement.deleted", id, uri });
  };

  /** What is kept under a post's IRI: its source as its author last sent it, else (from before sources were kept) its announcement. */
  async function findEarlier(uri: string): Promise<{ source: PostSource | null; existing: Announcement | null }> {
    const source = await store.moderation.getSource(uri);
    return { source, existing: source ? null : await store.getAnnouncementByUri(uri) };
  }

  /** Why a post may not replace what is stored under its IRI, or null when it may. */
  function findConflict(draft: AnnouncementDraft, accountUri: string, { source, existing }: Awaited<ReturnType<typeof findEarlier>>): Exclude<KeepOutcome, "created" | "updated" | "unchanged"> | null {
    // A post as its author last sent it (a thread's part is not an announcement of its own).
    if (source) {
      if (source.accountUri !== accountUri) return "conflict";
      const version = getSourceVersion(source);
      if (version !== null && (draft.updated === null || draft.updated < version)) return "older";
      return null;
    }
    if (!existing) return null;
    // A server's other user reusing the IRI never takes a post over.
    if (existing.account.uri !== accountUri) return "conflict";
    // A replayed Create or an out-of-order Update never rolls an edit back.
    if (existing.updated !== null && (draft.updated === null || draft.updated < existing.updated)) return "older";
    return null;
  }

  /** Joins a thread from its parts as last sent, stores it under its first post, and announces it. */
  async function keepThread(rootUri: string, priority?: Announcement["priority"]): Promise<KeepOutcome> {
    const root = await store.moderation.getSource(rootUri);
    if (!root || root.isRemoved) return "deleted-earlier";
    const parts = await store.moderation.listThreadParts(rootUri);
    const joined = joinThread(root.draft, parts.map((part) => part.draft));
    // Dated by keepPost before its source was kept; a source from before that took the time it was received.
    const draft = { ...joined, published: joined.published ?? root.published ?? new Date().toISOString() };
    const { change, announcement } = await store.putAnnouncement({ draft, accountUri: root.accountUri, viaUri: root.viaUri, language: root.language ?? "und", priority });
    if (change === "created" || change === "updated") {
      // The store's read leaves out what operators hid or ended; the write path still announces it (as a removal).
      const stored = announcement ?? (await store.getAnnouncementByUri(rootUri));
      if (stored) await announceKept(stored, change);
      logger.info("Announcement {id} {change} from {uri} ({parts} parts).", { id: stored?.id, change, uri: rootUri, parts: parts.length + 1 });
      return change;
    }
    if (change === "ignored") {
      logger.info("Ignored {uri}: its author deleted it earlier.", { uri: rootUri });
      return "deleted-earlier";
    }
    if (change === "limited") {
      logger.warn("Skipped an edit of {uri}: {account} has made more edits this hour than ACCOUNT_UPDATES_PER_HOUR allows.", { uri: rootUri, account: root.accountUri });
      return "limited";
    }
    return "unchanged";
  }

  /** An edit of a hidden or ended announcement is announced as a removal: its content never reaches a live screen. */
  async function announceKept(announcement: Announcement, change: "created" | "updated") {
    const control = await store.moderation.getControl(announcement.id);
    if (control && !isPublic(control)) announceRemoval([announcement]);
    else bus.publish({ type: `announcement.${change}`, announcement: control?.pinnedAt ? { ...announcement, pinned: true } : announcement });
  }

  /** Removes a post, a thread part or an archived reply; a part's removal changes its thread. */
  async function removePost(objectUri: string, actorUri: string | null): Promise<boolean | null> {
    const source = await store.moderation.getSource(objectUri);
    if (!source) return null;
    if (actorUri !== null && source.accountUri !== actorUri) return false;
    await store.moderation.markSourceRemoved(objectUri);
    // A thread's first post goes the way any post goes: the whole thread with it.
    if (source.kind === "root") return null;
    await store.moderation.deleteUnshown(objectUri);
    if (source.kind === "part" && source.rootUri) await keepThread(source.rootUri);
    return true;
  }

  /** Applies an operator's decision, logs it, and announces the announcement's new public state. */
  async function control(id: string, name: string, patch: Partial<AnnouncementControl>, { who, reason = null }: OperatorAction, target = id) {
    const now = new Date().toISOString();
    const before = await store.moderation.getForAdmin(id, now);
    if (!before) return null;
    if (Object.keys(patch).length > 0) await store.moderation.setControl(id, patch);
    const after = (await store.moderation.getForAdmin(id, now))!;
    await store.moderation.appendAudit({ at: now, who, action: name, target, reason });
    announceState(before.state, after);
    return after;
  }

  function announceState(before: AdminAnnouncementItem["state"], after: AdminAnnouncementItem) {
    const announcement = after.pinned ? { ...after.announcement, pinned: true as const } : after.announcement;
    if (after.state !== "shown") announceRemoval([announcement]);
    else bus.publish({ type: before === "shown" ? "announcement.updated" : "announcement.created", announcement });
  }

  return {
    async keepPost({ draft, accountUri, viaUri, accountLanguage, priority }) {
      // Shown under its author's account, whoever delivered it: the author must be that
      // account and the post must live on its server (a Group relays, never authors).
      if (!isAuthoredBy(draft, accountUri)) {
        logger.warn("Skipped {uri}: it is not by {account} on its own server (attributed to {author}).", { uri: draft.uri, account: accountUri, author: draft.authorUri });
        return "not-authored";
      }
      const earlier = await findEarlier(draft.uri);
      const conflict = findConflict(draft, accountUri, earlier);
      if (conflict !== null) {
        logger.warn("Skipped {uri} from {account}: {conflict}.", { uri: draft.uri, account: accountUri, conflict: conflict === "conflict" ? "it belongs to another account" : "it is older than the version shown" });
        return conflict;
      }
      draft = dropForeignPrivateLinks(draft, accountUri);
      if (draft.truncated) logger.warn("Truncated {fields} of {uri}: larger than Crier keeps.", { fields: draft.truncated.join(", "), uri: draft.uri });
      const language = await decideLanguage({ declared: draft.language, accountLanguage, text: draft.text });
      // A post that gives no date is dated when Crier received it (and keeps that date through edits), never 1970.
      const published = draft.published ?? earlier.source?.published ?? earlier.existing?.published ?? new Date().toISOString();
      const dated = { ...(await nameMentionsFromStore(store, { ...draft, published })), published };
      const placement = await placePost(store, dated, accountUri);
      await store.moderation.putSource({ uri: dated.uri, accountUri, viaUri, inReplyTo: dated.inReplyTo, kind: placement.kind, rootUri: placement.rootUri, published, language, draft: dated });
      if (placement.kind === "reply") {
        // A reply to someone else is archived for the console, never shown (and leaves any screen it was on).
        const wasShown = await store.moderation.putReply({ draft: dated, accountUri, viaUri, language });
        if (wasShown) announceRemoval([wasShown]);
        logger.info("Archived {uri}: a reply to {parent}, not an announcement.", { uri: draft.uri, parent: draft.inReplyTo });
        return "reply";
      }
      const rootUri = placement.rootUri ?? draft.uri;
      // Parts that arrived before this post (backfill reads newest first) join its thread now.
      await store.moderation.adoptReplies(draft.uri, accountUri, rootUri);
      return keepThread(rootUri, priority);
    },

    async removeByAuthor(actorUri, objectUri) {
      const unshown = await removePost(objectUri, actorUri);
      if (unshown === false) logger.warn("Ignored a Delete of {uri} by {actor}, who is not its author.", { uri: objectUri, actor: actorUri });
      if (unshown !== null) return unshown;
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
      const unshown = await removePost(objectUri, null);
      if (unshown !== null) return unshown;
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

    hide: (id, action) => control(id, "hide", { isHidden: true, hiddenReason: action.reason ?? null }, action),
    unhide: (id, action) => control(id, "unhide", { isHidden: false, hiddenReason: null }, action),
    pin: (id, action) => control(id, "pin", { pinnedAt: new Date().toISOString() }, action),
    unpin: (id, action) => control(id, "unpin", { pinnedAt: null }, action),
    setShowUntil: (id, showUntil, action) => control(id, showUntil === null ? "show-until-cleared" : `show-until ${showUntil}`, { showUntil }, action),

    async decideApproval(screen, id, decision, action) {
      const item = await store.moderation.getForAdmin(id, new Date().toISOString());
      if (!item) return null;
      await store.moderation.setApproval(screen, id, decision);
      return control(id, decision === "approved" ? "approve" : "decline", {}, action, `${screen}/${id}`);
    },

    async endDue(after, upTo) {
      const ended = await store.moderation.listEndingBetween(after, upTo);
      announceRemoval(ended);
      if (ended.length > 0) logger.info("{count} announcements reached their show-until time.", { count: ended.length });
      return ended.length;
    },

    async changeEmergencyLists(change, { who }) {
      const outcome = await applyEmergencyListChange(store, change, who);
      for (const announcement of outcome.flipped) await announceKept(announcement, "updated");
      if (outcome.flipped.length > 0) logger.info("{count} announcements changed priority with the emergency lists.", { count: outcome.flipped.length });
      return outcome;
    },
  };
}

/** Whether operators' decisions let an announcement on public channels now. */
function isPublic(control: AnnouncementControl, now = new Date().toISOString()): boolean {
  return !control.isHidden && (control.showUntil === null || control.showUntil > now);
}

/** The process's write path, over its store and event bus. */
export function getAnnouncementChanges(): AnnouncementChanges {
  return createAnnouncementChanges(getStore(), getEventBus());
}
