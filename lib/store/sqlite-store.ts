import { randomUUID } from "node:crypto";
import type { DatabaseSync } from "node:sqlite";
import type { Announcement } from "../announcements/types";
import { getAnnouncementId } from "../announcements/announcement-id";
import { migrateSqlite } from "./sqlite-schema";
import { CONTROLS_JOIN, isVisibleSql } from "./moderation-sql";
import { ModerationStore } from "./moderation-store";
import { sqliteRunner } from "./sqlite-moderation";
import { withoutNul } from "./without-nul";
import { SqliteAdminSessions } from "./sqlite-admin-sessions";
import { SqliteScreens } from "./sqlite-screens";
import { SqliteCap } from "./sqlite-cap";
import { SqlitePush } from "./push-store";
import { EmergencyListStore, GLOBAL_EMERGENCIES_COLUMN } from "./emergency-list-store";
import { COUNT_UPDATE_SQL, DEFAULT_ARCHIVE_LIMITS, forSqlite, getUpdateHour, INSERT_VERSION_SQL, TRIM_VERSIONS_SQL, type ArchiveLimits } from "./archive-limits";
import type { EnrolledDevice, ScreenConfig, ScreenHeartbeat, StoredScreen } from "../signage/types";
import {
  assembleAnnouncement,
  withVia,
  hashAnnouncementData,
  toAnnouncementData,
  type AnnouncementData,
} from "./announcement-rows";
import type {
  AccountRecord,
  AdminSessionRecord,
  AnnouncementInput,
  ArchivedVersion,
  ListOptions,
  Store,
  Subscription,
} from "./types";

interface AnnouncementRow {
  id: string;
  uri: string;
  account_uri: string;
  via_uri: string | null;
  data: string;
  content_hash: string;
  removed: string | null;
  version: number;
  handle: string | null;
  name: string | null;
  url: string | null;
  avatar_url: string | null;
  via_handle: string | null;
  via_name: string | null;
  via_url: string | null;
  global_emergencies?: string | null;
}

const SELECT_ANNOUNCEMENT = `SELECT a.*, ac.handle, ac.name, ac.url, ac.avatar_url,
    vac.handle AS via_handle, vac.name AS via_name, vac.url AS via_url, ${GLOBAL_EMERGENCIES_COLUMN}
  FROM announcements a LEFT JOIN accounts ac ON ac.uri = a.account_uri LEFT JOIN accounts vac ON vac.uri = a.via_uri`;
// What public channels read: the same, without what operators hid or ended (moderation-sql.ts).
const SELECT_SHOWN = `${SELECT_ANNOUNCEMENT} ${CONTROLS_JOIN}`;

const SUBSCRIPTION_COLUMNS: Record<string, string> = {
  handle: "handle", actorUri: "actor_uri", actorType: "actor_type", name: "name", state: "state", reason: "reason",
  followId: "follow_id", inbox: "inbox", language: "language", boosts: "boosts",
};

/** The embedded SQLite store (node:sqlite), the default backend. */
export class SqliteStore implements Store {
  readonly kind = "sqlite" as const;
  readonly #db: DatabaseSync;
  readonly #isOfficialHandle: (handle: string) => boolean;
  readonly #limits: ArchiveLimits;

  constructor(db: DatabaseSync, isOfficialHandle: (handle: string) => boolean, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS) {
    this.#db = db;
    this.#isOfficialHandle = isOfficialHandle;
    this.#limits = limits;
    migrateSqlite(db);
    this.#screens = new SqliteScreens(db);
    this.cap = new SqliteCap(db);
    this.push = new SqlitePush(db);
    this.#sessions = new SqliteAdminSessions(db);
    this.moderation = new ModerationStore(sqliteRunner(db), isOfficialHandle);
    this.emergencies = new EmergencyListStore(sqliteRunner(db));
  }

  readonly moderation: ModerationStore;
  readonly emergencies: EmergencyListStore;

  readonly #sessions: SqliteAdminSessions;
  readonly #screens: SqliteScreens;
  readonly cap: SqliteCap;
  readonly push: SqlitePush;

  async listScreens(): Promise<StoredScreen[]> {
    return this.#screens.list();
  }

  async getScreen(name: string): Promise<StoredScreen | null> {
    return this.#screens.get(name);
  }

  async putScreen(config: ScreenConfig): Promise<StoredScreen> {
    return this.#screens.put(config);
  }

  async deleteScreen(name: string): Promise<boolean> {
    return this.#screens.delete(name);
  }

  async recordHeartbeat(heartbeat: ScreenHeartbeat, maxDevices: number): Promise<{ reload: boolean }> {
    return this.#screens.recordHeartbeat(heartbeat, maxDevices);
  }

  async getHeartbeat(screen: string, device: string): Promise<ScreenHeartbeat | null> {
    return this.#screens.getHeartbeat(screen, device);
  }

  async listHeartbeats(screen?: string): Promise<ScreenHeartbeat[]> {
    return this.#screens.listHeartbeats(screen);
  }

  async requestReload(screen: string, device: string | null): Promise<number> {
    return this.#screens.requestReload(screen, device);
  }
  async enrolDevice(screen: string, device: string, secretHash: string): Promise<boolean> {
    return this.#screens.enrolDevice(screen, device, secretHash);
  }
  async revokeDevice(screen: string, device: string): Promise<boolean> {
    return this.#screens.revokeDevice(screen, device);
  }
  async getDeviceSecretHash(screen: string, device: string): Promise<string | null> {
    return this.#screens.getDeviceSecretHash(screen, device);
  }
  async listDevices(screen?: string): Promise<EnrolledDevice[]> {
    return this.#screens.listDevices(screen);
  }
  async createAdminSession(idHash: string, expiresAt: string, now: string, name = ""): Promise<void> {
    return this.#sessions.create(idHash, expiresAt, now, name);
  }
  async getAdminSession(idHash: string): Promise<AdminSessionRecord | null> {
    return this.#sessions.get(idHash);
  }
  async deleteAdminSession(idHash: string): Promise<void> {
    return this.#sessions.delete(idHash);
  }


  async ping(): Promise<void> {
    this.#db.prepare("SELECT 1").get();
  }

  async getSetting(key: string): Promise<string | null> {
    const row = this.#db.prepare("SELECT value FROM settings WHERE key = ?").get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    this.#db.prepare("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(key, value);
  }

  async upsertAccount(account: AccountRecord): Promise<void> {
    this.#db
      .prepare(`INSERT INTO accounts (uri, handle, name, url, avatar_url, updated_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (uri) DO UPDATE SET handle = excluded.handle, name = excluded.name, url = excluded.url,
          avatar_url = excluded.avatar_url, updated_at = excluded.updated_at`)
      .run(...[account.uri, account.handle, account.name, account.url, account.avatarUrl, new Date().toISOString()].map(withoutNul));
  }

  async getAccount(uri: string): Promise<AccountRecord | null> {
    const row = this.#db.prepare("SELECT * FROM accounts WHERE uri = ?").get(uri) as Record<string, string | null> | undefined;
    if (!row) return null;
    return { uri: row.uri!, handle: row.handle!, name: row.name!, url: row.url ?? null, avatarUrl: row.avatar_url ?? null };
  }

  async createSubscription(input: Parameters<Store["createSubscription"]>[0]): Promise<Subscription> {
    const now = new Date().toISOString();
    const id = randomUUID();
    this.#db
      .prepare(`INSERT INTO subscriptions (id, handle, actor_uri, actor_type, name, state, reason, follow_id, inbox, language, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(...[id, input.handle, input.actorUri, input.actorType, input.name, input.state, input.reason, input.followId, input.inbox, input.language, now, now].map(withoutNul));
    return (await this.getSubscription(id))!;
  }

  async updateSubscription(id: string, patch: Partial<Subscription>): Promise<Subscription | null> {
    const sets: string[] = [];
    const values: (string | null)[] = [];
    for (const [key, column] of Object.entries(SUBSCRIPTION_COLUMNS)) {
      if (key in patch) {
        sets.push(`${column} = ?`);
        values.push(withoutNul((patch as Record<string, string | null>)[key] ?? null));
      }
    }
    sets.push("updated_at = ?");
    values.push(new Date().toISOString());
    this.#db.prepare(`UPDATE subscriptions SET ${sets.join(", ")} WHERE id = ?`).run(...values, id);
    return this.getSubscription(id);
  }

  async getSubscription(id: string) {
    return this.#subscriptionWhere("id = ?", id);
  }
  async findSubscriptionByActor(actorUri: string) {
    return this.#subscriptionWhere("actor_uri = ?", actorUri);
  }
  async findSubscriptionByHandle(handle: string) {
    return this.#subscriptionWhere("lower(handle) = lower(?)", handle);
  }
  async findSubscriptionByFollowId(followId: string) {
    return this.#subscriptionWhere("follow_id = ?", followId);
  }

  async listSubscriptions(): Promise<Subscription[]> {
    const rows = this.#db.prepare("SELECT * FROM subscriptions ORDER BY created_at, id").all() as Record<string, string | null>[];
    return rows.map(toSubscription);
  }

  async deleteSubscription(id: string): Promise<boolean> {
    return Number(this.#db.prepare("DELETE FROM subscriptions WHERE id = ?").run(id).changes) > 0;
  }

  async putAnnouncement(input: AnnouncementInput) {
    const data = toAnnouncementData(input);
    const hash = hashAnnouncementData(data);
    const existing = this.#db.prepare("SELECT * FROM announcements WHERE uri = ?").get(input.draft.uri) as AnnouncementRow | undefined;
    if (existing?.removed === "deleted") return { change: "ignored" as const, announcement: null };
    const isUnchanged = existing && existing.content_hash === hash && existing.removed === null;
    if (isUnchanged) return { change: "unchanged" as const, announcement: await this.getAnnouncementByUri(input.draft.uri) };
    const id = existing?.id ?? getAnnouncementId(input.draft.uri);
    const version = (existing?.version ?? 0) + 1;
    const now = new Date().toISOString();
    const json = JSON.stringify(data);
    const change = existing && !existing.removed ? ("updated" as const) : ("created" as const);
    const isStored = this.#transaction(() => {
      if (change === "updated" && this.#countUpdate(input.accountUri) > this.#limits.maxUpdatesPerAccountPerHour) return false;
      this.#db
        .prepare(`INSERT INTO announcements (id, uri, account_uri, via_uri, published, data, content_hash, removed, version, received_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
          ON CONFLICT (uri) DO UPDATE SET account_uri = excluded.account_uri,
            via_uri = CASE WHEN excluded.via_uri IS NULL THEN NULL
              WHEN announcements.removed IS NULL AND announcements.via_uri IS NULL THEN NULL ELSE excluded.via_uri END,
            published = excluded.published, data = excluded.data, content_hash = excluded.content_hash,
            removed = NULL, version = excluded.version`)
        .run(id, input.draft.uri, input.accountUri, input.viaUri, data.published, json, hash, version, now);
      this.#archive(id, version, change, json, input.accountUri);
      return true;
    });
    if (!isStored) return { change: "limited" as const, announcement: await this.getAnnouncement(id) };
    return { change, announcement: await this.getAnnouncement(id) };
  }

  async deleteAnnouncement(uri: string): Promise<Announcement | null> {
    return this.#remove("a.uri = ? AND (a.removed IS NULL OR a.removed = 'hidden')", [uri], "deleted")[0] ?? null;
  }

  async hideAnnouncementsOfAccount(accountUri: string): Promise<Announcement[]> {
    return this.#remove("(a.account_uri = ? OR a.via_uri = ?) AND a.removed IS NULL", [accountUri, accountUri], "hidden");
  }

  async hideAnnouncedBy(viaUri: string, uri: string): Promise<Announcement | null> {
    return this.#remove("a.uri = ? AND a.via_uri = ? AND a.removed IS NULL", [uri, viaUri], "hidden")[0] ?? null;
  }

  async getAnnouncement(id: string): Promise<Announcement | null> {
    const row = this.#db.prepare(`${SELECT_SHOWN} WHERE a.id = ? AND a.removed IS NULL AND ${isVisibleSql("?")}`).get(id, new Date().toISOString()) as AnnouncementRow | undefined;
    return row ? this.#toAnnouncement(row) : null;
  }

  async getAnnouncementByUri(uri: string): Promise<Announcement | null> {
    const row = this.#db.prepare(`${SELECT_ANNOUNCEMENT} WHERE a.uri = ? AND a.removed IS NULL`).get(uri) as AnnouncementRow | undefined;
    return row ? this.#toAnnouncement(row) : null;
  }

  async listAnnouncements(options: ListOptions): Promise<Announcement[]> {
    const where = ["a.removed IS NULL", isVisibleSql("?")];
    const values: (string | number)[] = [new Date().toISOString()];
    if (options.accountHandle) {
      // The account's own posts and what it relayed (a Group, a WordPress blog).
      where.push("(lower(ac.handle) = lower(?) OR lower(vac.handle) = lower(?))");
      values.push(options.accountHandle, options.accountHandle);
    }
    if (options.beforeId) {
      where.push("(a.published, a.id) < (SELECT published, id FROM announcements WHERE id = ?)");
      values.push(options.beforeId);
    }
    const rows = this.#db
      .prepare(`${SELECT_SHOWN} WHERE ${where.join(" AND ")} ORDER BY a.published DESC, a.id DESC LIMIT ?`)
      .all(...values, options.limit) as unknown as AnnouncementRow[];
    return rows.map((row) => this.#toAnnouncement(row));
  }

  async listVersions(id: string): Promise<ArchivedVersion[]> {
    const rows = this.#db
      .prepare("SELECT * FROM announcement_versions WHERE announcement_id = ? ORDER BY seq")
      .all(id) as { version: number; event: ArchivedVersion["event"]; data: string; account_uri: string; recorded_at: string }[];
    return rows.map((row) => ({
      version: row.version,
      event: row.event,
      recordedAt: row.recorded_at,
      announcement: assembleAnnouncement(id, JSON.parse(row.data) as AnnouncementData, null, row.account_uri, this.#isOfficialHandle),
    }));
  }

  #remove(where: string, values: string[], reason: "deleted" | "hidden"): Announcement[] {
    const rows = this.#db.prepare(`${SELECT_ANNOUNCEMENT} WHERE ${where}`).all(...values) as unknown as AnnouncementRow[];
    const removed: Announcement[] = [];
    this.#transaction(() => {
      for (const row of rows) {
        this.#db.prepare("UPDATE announcements SET removed = ?, version = version + 1 WHERE id = ?").run(reason, row.id);
        this.#archive(row.id, row.version + 1, reason, row.data, row.account_uri);
        if (row.removed === null) removed.push(this.#toAnnouncement(row));
      }
    });
    return removed;
  }

  /** Archives a version and lets the oldest beyond ARCHIVE_MAX_VERSIONS go. */
  #archive(id: string, version: number, event: ArchivedVersion["event"], data: string, accountUri: string) {
    this.#db.prepare(forSqlite(INSERT_VERSION_SQL)).run(id, version, event, data, accountUri, new Date().toISOString());
    this.#db.prepare(forSqlite(TRIM_VERSIONS_SQL)).run(id, this.#limits.maxVersionsPerPost);
  }

  /** Counts an edit by an account in this clock hour; answers how many it has made in it. */
  #countUpdate(accountUri: string): number {
    return Number((this.#db.prepare(forSqlite(COUNT_UPDATE_SQL)).get(accountUri, getUpdateHour(this.#limits)) as { count: number }).count);
  }

  #transaction<T>(work: () => T): T {
    this.#db.exec("BEGIN IMMEDIATE");
    try {
      const result = work();
      this.#db.exec("COMMIT");
      return result;
    } catch (error) {
      this.#db.exec("ROLLBACK");
      throw error;
    }
  }

  #subscriptionWhere(where: string, value: string): Subscription | null {
    const row = this.#db.prepare(`SELECT * FROM subscriptions WHERE ${where} LIMIT 1`).get(value) as Record<string, string | null> | undefined;
    return row ? toSubscription(row) : null;
  }

  #toAnnouncement(row: AnnouncementRow): Announcement {
    const account = row.handle
      ? { uri: row.account_uri, handle: row.handle, name: row.name ?? row.handle, url: row.url, avatarUrl: row.avatar_url }
      : null;
    return withVia(assembleAnnouncement(row.id, JSON.parse(row.data) as AnnouncementData, account, row.account_uri, this.#isOfficialHandle, row.global_emergencies), row);
  }
}

function toSubscription(row: Record<string, string | null>): Subscription {
  return {
    id: row.id!,
    handle: row.handle!,
    actorUri: row.actor_uri ?? null,
    actorType: row.actor_type ?? null,
    name: row.name ?? null,
    state: row.state as Subscription["state"],
    reason: row.reason ?? null,
    followId: row.follow_id ?? null,
    inbox: row.inbox ?? null,
    language: row.language ?? null,
    boosts: (row.boosts ?? "none") as Subscription["boosts"],
    createdAt: row.created_at!,
    updatedAt: row.updated_at!,
  };
}
