import type { Announcement, AnnouncementDraft } from "../announcements/types";

export type SubscriptionState = "pending" | "accepted" | "rejected" | "error";

/** A followed (or attempted) account, as the admin API shows it. */
export interface Subscription {
  id: string;
  handle: string;
  actorUri: string | null;
  /** ActivityStreams type of the followed actor (Person, Group, Organization, …). */
  actorType: string | null;
  name: string | null;
  state: SubscriptionState;
  reason: string | null;
  followId: string | null;
  inbox: string | null;
  language: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A remote actor whose posts we keep (followed accounts, and authors a followed Group announced). */
export interface AccountRecord {
  uri: string;
  handle: string;
  name: string;
  url: string | null;
  avatarUrl: string | null;
}

export interface AnnouncementInput {
  draft: AnnouncementDraft;
  accountUri: string;
  /** A followed Group that announced the post, when it reached us that way. */
  viaUri: string | null;
  language: string;
}

export type AnnouncementChange = "created" | "updated" | "unchanged" | "ignored";

export interface ArchivedVersion {
  version: number;
  event: "created" | "updated" | "deleted" | "hidden";
  recordedAt: string;
  announcement: Announcement;
}

export interface ListOptions {
  limit: number;
  accountHandle?: string;
  /** Only announcements published before this announcement (keyset paging). */
  beforeId?: string;
}

/**
 * Everything Crier keeps. The SQLite implementation is the embedded default; a
 * PostgreSQL one implements the same interface and passes the same tests.
 */
export interface Store {
  readonly kind: "sqlite" | "postgres";
  ping(): Promise<void>;

  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;

  upsertAccount(account: AccountRecord): Promise<void>;
  getAccount(uri: string): Promise<AccountRecord | null>;

  createSubscription(input: { handle: string; actorUri: string | null; actorType: string | null; name: string | null; inbox: string | null; state: Subscription["state"]; reason: string | null; followId: string | null; language: string | null }): Promise<Subscription>;
  updateSubscription(id: string, patch: Partial<Omit<Subscription, "id" | "createdAt" | "updatedAt">>): Promise<Subscription | null>;
  getSubscription(id: string): Promise<Subscription | null>;
  findSubscriptionByActor(actorUri: string): Promise<Subscription | null>;
  findSubscriptionByHandle(handle: string): Promise<Subscription | null>;
  findSubscriptionByFollowId(followId: string): Promise<Subscription | null>;
  listSubscriptions(): Promise<Subscription[]>;
  deleteSubscription(id: string): Promise<boolean>;

  /** Inserts or replaces by object IRI; a post its author deleted is never brought back. */
  putAnnouncement(input: AnnouncementInput): Promise<{ change: AnnouncementChange; announcement: Announcement | null }>;
  /** Removes from display because the author deleted it; the archive keeps it. */
  deleteAnnouncement(uri: string): Promise<Announcement | null>;
  /** Removes from display every announcement by, or announced by, an account. */
  hideAnnouncementsOfAccount(accountUri: string): Promise<Announcement[]>;
  /** Removes from display what a Group announced, unless the post was also received directly. */
  hideAnnouncedBy(viaUri: string, uri: string): Promise<Announcement | null>;
  getAnnouncement(id: string): Promise<Announcement | null>;
  getAnnouncementByUri(uri: string): Promise<Announcement | null>;
  listAnnouncements(options: ListOptions): Promise<Announcement[]>;
  listVersions(id: string): Promise<ArchivedVersion[]>;
}
