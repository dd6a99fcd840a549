import type { Announcement, AnnouncementDraft, DatedDraft } from "../announcements/types";
import type { CapStore } from "./cap-store";
import type { ModerationStore } from "./moderation-store";
import type { EmergencyListStore } from "./emergency-list-store";
import type { PushStore } from "./push-store";
import type { EnrolledDevice, ScreenConfig, ScreenHeartbeat, StoredScreen } from "../signage/types";

export const BOOST_SETTINGS = ["none", "trusted", "all"] as const;
export type BoostSetting = (typeof BOOST_SETTINGS)[number];

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
  /** Which of the account's boosts are shown: none (default), those of trusted domains, or all. */
  boosts: BoostSetting;
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
  draft: DatedDraft;
  accountUri: string;
  /** A followed Group that announced the post, when it reached us that way. */
  viaUri: string | null;
  language: string;
  /** "emergency" for a CAP alert at or above its source's minSeverity; "normal" when left out. */
  priority?: Announcement["priority"];
}

/** "limited": an edit past the account's hourly allowance (ACCOUNT_UPDATES_PER_HOUR), not stored. */
export type AnnouncementChange = "created" | "updated" | "unchanged" | "ignored" | "limited";

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
  /** Conversation sources, operator controls, approvals and the audit log (lib/store/moderation-store.ts). */
  readonly moderation: ModerationStore;
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

  /**
   * Inserts or replaces by object IRI; a post its author deleted is never brought back.
   * Keeps the newest ARCHIVE_MAX_VERSIONS versions of each post, and refuses an account's
   * edits past its hourly allowance ("limited", with what is stored unchanged).
   */
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

  // --- Signage screens and their devices' heartbeats ---------------------------
  // The config is stored whole (as JSON); validation lives in lib/signage/screen-config.ts.

  /** Every configured screen, by name. */
  listScreens(): Promise<StoredScreen[]>;
  getScreen(name: string): Promise<StoredScreen | null>;
  /** Creates or replaces a screen's configuration (keyed by `config.name`). */
  putScreen(config: ScreenConfig): Promise<StoredScreen>;
  /** Removes a screen and its devices' heartbeats; false when there was none. */
  deleteScreen(name: string): Promise<boolean>;
  /**
   * Records a device's heartbeat (upsert by screen and device), keeps at most
   * `maxDevices` devices per screen (the most recently seen), and answers whether a
   * reload was requested for it since its last heartbeat (the request is then cleared).
   */
  recordHeartbeat(heartbeat: ScreenHeartbeat, maxDevices: number): Promise<{ reload: boolean }>;
  getHeartbeat(screen: string, device: string): Promise<ScreenHeartbeat | null>;
  /** Heartbeats of one screen's devices, or of every screen, most recently seen first. */
  listHeartbeats(screen?: string): Promise<ScreenHeartbeat[]>;
  /** Asks one device, or every device of a screen (device null), to reload; answers how many were asked. */
  requestReload(screen: string, device: string | null): Promise<number>;
  /** Enrols a device of a screen with the hash of its secret; false when that name is enrolled there already. */
  enrolDevice(screen: string, device: string, secretHash: string): Promise<boolean>;
  /** Revokes a device: its secret and its last heartbeat go; false when it was not enrolled. */
  revokeDevice(screen: string, device: string): Promise<boolean>;
  /** The stored hash of an enrolled device's secret, or null when it is not enrolled. */
  getDeviceSecretHash(screen: string, device: string): Promise<string | null>;
  /** Enrolled devices of one screen, or of every screen, by screen and name. */
  listDevices(screen?: string): Promise<EnrolledDevice[]>;

  // --- Admin console sessions (only a hash of each session id is kept) -------------

  /** Records a new session, with the name its operator gave ("" for none); drops the ones that expired before `now`. */
  createAdminSession(idHash: string, expiresAt: string, now: string, name?: string): Promise<void>;
  /** When a session ends (ISO time) and its operator's name, or null when there is no such session. */
  getAdminSession(idHash: string): Promise<AdminSessionRecord | null>;
  deleteAdminSession(idHash: string): Promise<void>;

  /** CAP messages Crier published, and CAP sources it reads (lib/store/cap-store.ts). */
  readonly cap: CapStore;
  /** Residents' Web Push subscriptions (lib/store/push-store.ts). */
  readonly push: PushStore;
  /** The global emergency lists operators keep in the console (lib/store/emergency-list-store.ts). */
  readonly emergencies: EmergencyListStore;
}

/** A console session as stored: when it ends, and the name its operator gave at sign-in ("" for none). */
export interface AdminSessionRecord {
  expiresAt: string;
  name: string;
}
