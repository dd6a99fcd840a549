/** The one shape every renderer sees. Mirrors the Announcement JSON contract in README.md (HTTP routes). */
export interface Announcement {
  id: string;
  uri: string;
  url: string | null;
  account: AccountSummary;
  published: string;
  updated: string | null;
  language: string;
  summary: string | null;
  sensitive: boolean;
  html: string;
  text: string;
  attachments: Attachment[];
  tags: string[];
  visibility: Visibility;
  priority: Priority;
  /** The followed account that brought the post, when it relayed another account's post (a Group, a WordPress blog). */
  via?: ViaAccount;
  /** Present (true) when an operator pinned it: it heads lists and rotations. */
  pinned?: true;
  /** The followed account whose boost brought it (shown "Shared by {name}"); absent for the author's own posts. */
  sharedBy?: SharedBy;
}

/** A followed account that relayed (announced) an announcement written by another. */
export interface ViaAccount {
  handle: string;
  name: string;
  uri: string;
  url: string | null;
}

export interface SharedBy {
  name: string;
  handle: string;
}

export type Visibility = "public" | "unlisted";
export type Priority = "normal" | "emergency";

export interface AccountSummary {
  handle: string;
  name: string;
  uri: string;
  url: string | null;
  avatarUrl: string | null;
  official: boolean;
}

export interface Attachment {
  url: string;
  mediaType: string | null;
  alt: string | null;
  width: number | null;
  height: number | null;
}

/**
 * What the converter extracts from one ActivityStreams object, before the store
 * gives it an id and joins the account it belongs to.
 */
export interface AnnouncementDraft {
  uri: string;
  url: string | null;
  /** The object's `attributedTo` (first actor), used to check authorship. */
  authorUri: string | null;
  /** ActivityStreams type of the source object (Note, Article, …). */
  objectType: string;
  /** null when the object gives no date (nor `updated`): the write path dates it when Crier received it. */
  published: string | null;
  updated: string | null;
  /** BCP 47 tag, or null when the object does not say. */
  language: string | null;
  summary: string | null;
  sensitive: boolean;
  html: string;
  text: string;
  attachments: Attachment[];
  tags: string[];
  visibility: Visibility;
  inReplyTo: string | null;
  /** The followed account that boosted it, when it came as a boost. */
  sharedBy?: SharedBy;
  /** Accounts the post mentions (its Mention tags); left out by older callers. */
  mentions?: MentionTag[];
  /** Fields cut to Crier's bounds (the caller logs it). */
  truncated?: string[];
}

/** A draft with its date settled (what the store keeps). */
export type DatedDraft = AnnouncementDraft & { published: string };
/** A Mention tag: the mentioned account's IRI and the handle the post shows for it ("@jane@social.example"). */
export interface MentionTag {
  uri: string;
  name: string | null;
}

/** A remote actor as far as Crier cares. */
export interface ActorProfile {
  uri: string;
  type: string;
  preferredUsername: string | null;
  name: string | null;
  url: string | null;
  avatarUrl: string | null;
  inbox: string | null;
  sharedInbox: string | null;
  outbox: string | null;
  /** The followers collection, to check that the account's server still lists Crier. */
  followers?: string | null;
}

/** Why an ActivityStreams object was not turned into an announcement. */
export type SkipReason =
  | "not-an-object"
  | "unsupported-type"
  | "not-public"
  | "empty"
  | "poll-vote"
  | "invalid";

/** Outcome of converting one ActivityStreams object. */
export type ConversionResult =
  | { ok: true; draft: AnnouncementDraft }
  | { ok: false; reason: SkipReason; detail: string };

export interface ConvertOptions {
  /** Longest plain text kept, in characters ("…" marks a cut); default 20,000. */
  maxTextLength?: number;
}

/** Activities whose object can become (or replace) an announcement. */
export type PostActivityType = "Create" | "Update" | "Announce";

/** What an incoming activity (or bare document) means for Crier. */
export type ActivityConversion =
  | {
      kind: "object";
      /** null for a bare object fetched without an activity around it. */
      activityType: PostActivityType | null;
      /** Who sent the activity (for Announce, the booster or Group), not the author. */
      actorUri: string | null;
      /** For Announce(Create(…)) and Announce(Update(…)), the wrapped activity's type. */
      innerActivityType: "Create" | "Update" | null;
      draft: AnnouncementDraft;
    }
  | {
      /** The object was given only as an IRI: the caller must fetch it and convert that. */
      kind: "reference";
      activityType: PostActivityType;
      actorUri: string | null;
      innerActivityType: "Create" | "Update" | null;
      objectUri: string;
    }
  | {
      kind: "delete";
      actorUri: string;
      objectUri: string;
      /** The actor deleted itself (object is the actor, or an actor-typed object). */
      isAccountDeletion: boolean;
      /** The Group whose Announce relayed this Delete (Lemmy), or null when its actor sent it. */
      relayedBy: string | null;
    }
  | {
      kind: "undo";
      actorUri: string;
      /** Type of the undone activity: Announce, Delete, Create, Follow, … */
      innerType: string;
      /** IRI of the undone activity itself, when it has one. */
      activityUri: string | null;
      /** IRI of the undone activity's object (the boosted, restored or withdrawn post). */
      objectUri: string;
      /** The Group whose Announce relayed this Undo, or null when its actor sent it. */
      relayedBy: string | null;
    }
  | { kind: "actor"; profile: ActorProfile }
  /** Someone asks to follow Crier's actor. */
  | { kind: "follow"; actorUri: string }
  /** An account answers a Follow: `followUri` is the Follow's IRI when the answer names it. */
  | { kind: "follow-answer"; answer: "accept" | "reject"; actorUri: string; followUri: string | null }
  | {
      kind: "collection";
      /** Raw entries (activities, objects or IRIs), at most 100; convert each in turn. */
      items: unknown[];
      /** The IRIs among `items` (entries given as IRIs, or objects with an id), for membership checks. */
      itemIds?: string[];
      /** The collection's `totalItems`, when it says (a server hiding its followers may give only this). */
      totalItems?: number | null;
      /** Next page to fetch (a page's `next`, or an empty collection's `first`). */
      nextUri: string | null;
    }
  | { kind: "skip"; reason: SkipReason; detail: string };
