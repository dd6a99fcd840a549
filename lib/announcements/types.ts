/** The one shape every renderer sees. Mirrors the Announcement JSON contract in DESIGN.md. */
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
  published: string;
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
}
