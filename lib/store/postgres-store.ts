import { randomUUID } from "node:crypto";
import type { PoolClient } from "pg";
import type { Announcement } from "../announcements/types";
import { getAnnouncementId } from "../announcements/announcement-id";
import { EmergencyListStore, GLOBAL_EMERGENCIES_COLUMN } from "./emergency-list-store";
import { assembleAnnouncement, withVia, hashAnnouncementData, toAnnouncementData, type AnnouncementData } from "./announcement-rows";
import { withoutNul, type PostgresDatabase } from "./postgres-database";
import { PostgresScreens } from "./postgres-screens";
import { PostgresCap } from "./postgres-cap";
import { PostgresPush } from "./push-store";
import { CONTROLS_JOIN, isVisibleSql, type SqlRunner } from "./moderation-sql";
import { ModerationStore } from "./moderation-store";
import { COUNT_UPDATE_SQL, DEFAULT_ARCHIVE_LIMITS, getUpdateHour, INSERT_VERSION_SQL, TRIM_VERSIONS_SQL, type ArchiveLimits } from "./archive-limits";
import { PostgresAdminSessions } from "./postgres-admin-sessions";
import type { EnrolledDevice, ScreenConfig, ScreenHeartbeat, StoredScreen } from "../signage/types";
import type { AccountRecord, AdminSessionRecord, AnnouncementInput, ArchivedVersion, ListOptions, Store, Subscription } from "./types";

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

type SubscriptionRow = Record<string, string | null>;

const SELECT_ANNOUNCEMENT = `SELECT a.*, ac.handle, ac.name, ac.url, ac.avatar_url,
    vac.handle AS via_handle, vac.name AS via_name, vac.url AS via_url, ${GLOBAL_EMERGENCIES_COLUMN}
  FROM announcements a LEFT JOIN accounts ac ON ac.uri = a.account_uri LEFT JOIN accounts vac ON vac.uri = a.via_uri`;
// What public channels read: the same, without what operators hid or ended (moderation-sql.ts).
const SELECT_SHOWN = `${SELECT_ANNOUNCEMENT} ${CONTROLS_JOIN}`;

const SUBSCRIPTION_COLUMNS: Record<string, string> = {
  handle: "handle", actorUri: "actor_uri", actorType: "actor_type", name: "name", state: "state", reason: "reason",
  followId: "follow_id", inbox: "inbox", language: "language", boosts: "boosts",
};

/** The PostgreSQL store (DATABASE_URL): the same tables and behaviour as SqliteStore, shared by several instances. */
export class PostgresStore implements Store {
  readonly kind = "postgres" as const;
  readonly #db: PostgresDatabase;
  readonly #isOfficialHandle: (handle: string) => boolean;

  readonly #sessions: PostgresAdminSessions;
  readonly #screens: PostgresScreens;
  readonly cap: PostgresCap;
  readonly push: PostgresPush;
  readonly #limits: ArchiveLimits;

  constructor(db: PostgresDatabase, isOfficialHandle: (handle: string) => boolean, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS) {
    this.#db = db;
    this.#isOfficialHandle = isOfficialHandle;
    this.#limits = limits;
    this.#screens = new PostgresScreens(db);
    this.cap = new PostgresCap(db);
    this.push = new PostgresPush(db);
    this.#sessions = new PostgresAdminSessions(db);
    const runner: SqlRunner = {
      all: async <Row>(sql: string, values: unknown[]) => (await db.query(sql, values)) as Row[],
      run: async (sql, values) => {
        await db.ready;
        return (await db.pool.query(sql, values)).rowCount ?? 0;
      },
    };
    this.moderation = new ModerationStore(runner, isOfficialHandle);
    this.emergencies = new EmergencyListStore(runner);
  }

  readonly moderation: ModerationStore;
  readonly emergencies: EmergencyListStore;

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
    await this.#db.query("SELECT 1");
  }

  async getSetting(key: string): Promise<string | null> {
    const [row] = await this.#db.query<{ value: string }>("SELECT value FROM settings WHERE key = $1", [key]);
    return row?.value ?? null;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.#db.query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value]);
  }

  async upsertAccount(account: AccountRecord): Promise<void> {
    await this.#db.query(
      `INSERT INTO accounts (uri, handle, name, url, avatar_url, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (uri) DO UPDATE SET handle = excluded.handle, name = excluded.name, url = excluded.url,
         avatar_url = excluded.avatar_url, updated_at = excluded.updated_at`,
      [account.uri, account.handle, account.name, account.url, account.avatarUrl, new Date().toISOString()].map(withoutNul),
    );
  }

  async getAccount(uri: string): Promise<AccountRecord | null> {
    const [row] = await this.#db.query<Record<string, string | null>>("SELECT * FROM accounts WHERE uri = $1", [uri]);
    if (!row) return null;
    return { uri: row.uri!, handle: row.handle!, name: row.name!, url: row.url ?? null, avatarUrl: row.avatar_url ?? null };
  }

  async createSubscription(input: Parameters<Store["createSubscription"]>[0]): Promise<Subscription> {
    const now = new Date().toISOString();
    const [row] = await this.#db.query<SubscriptionRow>(
      `INSERT INTO subscriptions (id, handle, actor_uri, actor_type, name, state, reason, follow_id, inbox, language, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) RETURNING *`,
      [randomUUID(), input.handle, input.actorUri, input.actorType, input.name, input.state, input.reason, input.followId, input.inbox, input.language, now].map(withoutNul),
    );
    return toSubscription(row!);
  }

  async updateSubscription(id: string, patch: Partial<Subscription>): Promise<Subscription | null> {
    const values: (string | null)[] = [id];
    const sets: string[] = [];
    for (const [key, column] of Object.entries(SUBSCRIPTION_COLUMNS)) {
      if (key in patch) {
        values.push(withoutNul((patch as Record<string, string | null>)[key] ?? null));
        sets.push(`${column} = $${values.length}`);
      }
    }
    values.push(new Date().toISOString());
    sets.push(`updated_at = $${values.length}`);
    const [row] = await this.#db.query<SubscriptionRow>(`UPDATE subscriptions SET ${sets.join(", ")} WHERE id = $1 RETURNING *`, values);
    return row ? toSubscription(row) : null;
  }

  async getSubscription(id: string) {
    return this.#subscriptionWhere("id = $1", id);
  }
  async findSubscriptionByActor(actorUri: string) {
    return this.#subscriptionWhere("actor_uri = $1", actorUri);
  }
  async findSubscriptionByHandle(handle: string) {
    return this.#subscriptionWhere("lower(handle) = lower($1)", handle);
  }
  async findSubscriptionByFollowId(followId: string) {
    return this.#subscriptionWhere("follow_id = $1", followId);
  }

  async listSubscriptions(): Promise<Subscription[]> {
    return (await this.#db.query<SubscriptionRow>("SELECT * FROM subscriptions ORDER BY created_at, id")).map(toSubscription);
  }

  async deleteSubscription(id: string): Promise<boolean> {
    return (await this.#db.query("DELETE FROM subscriptions WHERE id = $1 RETURNING id", [id])).length > 0;
  }

  async putAnnouncement(input: AnnouncementInput) {
    const data = toAnnouncementData(input);
    const hash = hashAnnouncementData(data);
    const json = JSON.stringify(data);
    const uri = input.draft.uri;
    // Re-deliveries (retries, backfill) are common: answer them without a transaction.
    const [current] = await this.#db.query<{ content_hash: string; removed: string | null }>("SELECT content_hash, removed FROM announcements WHERE uri = $1", [uri]);
    if (current?.removed === "deleted") return { change: "ignored" as const, announcement: null };
    if (current && current.content_hash === hash && current.removed === null) {
      return { change: "unchanged" as const, announcement: await this.getAnnouncementByUri(uri) };
    }
    const outcome = await this.#db.transaction(async (client) => {
      // Two instances may receive the same post at once: one at a time per object IRI.
      await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [uri]);
      const existing = (await client.query<AnnouncementRow>("SELECT * FROM announcements WHERE uri = $1", [uri])).rows[0];
      if (existing?.removed === "deleted") return { change: "ignored" as const, id: null };
      if (existing && existing.content_hash === hash && existing.removed === null) return { change: "unchanged" as const, id: existing.id };
      const id = existing?.id ?? getAnnouncementId(uri);
      const version = (existing?.version ?? 0) + 1;
      const change = existing && !existing.removed ? ("updated" as const) : ("created" as const);
      if (change === "updated") {
        const { rows } = await client.query<{ count: number }>(COUNT_UPDATE_SQL, [input.accountUri, getUpdateHour(this.#limits)]);
        if (rows[0]!.count > this.#limits.maxUpdatesPerAccountPerHour) return { change: "limited" as const, id };
      }
      await client.query(
        `INSERT INTO announcements (id, uri, account_uri, via_uri, published, data, content_hash, removed, version, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8, $9)
         ON CONFLICT (uri) DO UPDATE SET account_uri = excluded.account_uri,
           via_uri = CASE WHEN excluded.via_uri IS NULL THEN NULL
             WHEN announcements.removed IS NULL AND announcements.via_uri IS NULL THEN NULL ELSE excluded.via_uri END,
           published = excluded.published, data = excluded.data, content_hash = excluded.content_hash,
           removed = NULL, version = excluded.version`,
        [id, uri, input.accountUri, input.viaUri, data.published, json, hash, version, new Date().toISOString()],
      );
      await this.#archive(client, id, version, change, json, input.accountUri);
      return { change, id };
    });
    return { change: outcome.change, announcement: outcome.id ? await this.getAnnouncement(outcome.id) : null };
  }

  async deleteAnnouncement(uri: string): Promise<Announcement | null> {
    return (await this.#remove("a.uri = $1 AND (a.removed IS NULL OR a.removed = 'hidden')", [uri], "deleted"))[0] ?? null;
  }

  async hideAnnouncementsOfAccount(accountUri: string): Promise<Announcement[]> {
    return this.#remove("(a.account_uri = $1 OR a.via_uri = $1) AND a.removed IS NULL", [accountUri], "hidden");
  }

  async hideAnnouncedBy(viaUri: string, uri: string): Promise<Announcement | null> {
    return (await this.#remove("a.uri = $1 AND a.via_uri = $2 AND a.removed IS NULL", [uri, viaUri], "hidden"))[0] ?? null;
  }

  async getAnnouncement(id: string): Promise<Announcement | null> {
    const [row] = await this.#db.query<AnnouncementRow>(`${SELECT_SHOWN} WHERE a.id = $1 AND a.removed IS NULL AND ${isVisibleSql("$2")}`, [id, new Date().toISOString()]);
    return row ? this.#toAnnouncement(row) : null;
  }

  async getAnnouncementByUri(uri: string): Promise<Announcement | null> {
    const [row] = await this.#db.query<AnnouncementRow>(`${SELECT_ANNOUNCEMENT} WHERE a.uri = $1 AND a.removed IS NULL`, [uri]);
    return row ? this.#toAnnouncement(row) : null;
  }

  async listAnnouncements(options: ListOptions): Promise<Announcement[]> {
    const values: (string | number)[] = [new Date().toISOString()];
    const where = ["a.removed IS NULL", isVisibleSql("$1")];
    if (options.accountHandle) {
      values.push(options.accountHandle);
      // The account's own posts and what it relayed (a Group, a WordPress blog).
      where.push(`(lower(ac.handle) = lower($${values.length}) OR lower(vac.handle) = lower($${values.length}))`);
    }
    if (options.beforeId) {
      values.push(options.beforeId);
      where.push(`(a.published, a.id) < (SELECT published, id FROM announcements WHERE id = $${values.length})`);
    }
    values.push(options.limit);
    const rows = await this.#db.query<AnnouncementRow>(
      `${SELECT_SHOWN} WHERE ${where.join(" AND ")} ORDER BY a.published DESC, a.id DESC LIMIT $${values.length}`,
      values,
    );
    return rows.map((row) => this.#toAnnouncement(row));
  }

  async listVersions(id: string): Promise<ArchivedVersion[]> {
    const rows = await this.#db.query<{ version: number; event: ArchivedVersion["event"]; data: string; account_uri: string; recorded_at: string }>(
      "SELECT * FROM announcement_versions WHERE announcement_id = $1 ORDER BY seq",
      [id],
    );
    return rows.map((row) => ({
      version: row.version,
      event: row.event,
      recordedAt: row.recorded_at,
      announcement: assembleAnnouncement(id, JSON.parse(row.data) as AnnouncementData, null, row.account_uri, this.#isOfficialHandle),
    }));
  }

  async #remove(where: string, values: string[], reason: "deleted" | "hidden"): Promise<Announcement[]> {
    return this.#db.transaction(async (client) => {
      const rows = (await client.query<AnnouncementRow>(`${SELECT_ANNOUNCEMENT} WHERE ${where} FOR UPDATE OF a`, values)).rows;
      const removed: Announcement[] = [];
      for (const row of rows) {
        await client.query("UPDATE announcements SET removed = $1, version = version + 1 WHERE id = $2", [reason, row.id]);
        await this.#archive(client, row.id, row.version + 1, reason, row.data, row.account_uri);
        if (row.removed === null) removed.push(this.#toAnnouncement(row));
      }
      return removed;
    });
  }

  /** Archives a version and lets the oldest beyond ARCHIVE_MAX_VERSIONS go. */
  async #archive(client: PoolClient, id: string, version: number, event: ArchivedVersion["event"], data: string, accountUri: string) {
    await client.query(INSERT_VERSION_SQL, [id, version, event, data, accountUri, new Date().toISOString()]);
    await client.query(TRIM_VERSIONS_SQL, [id, this.#limits.maxVersionsPerPost]);
  }

  async #subscriptionWhere(where: string, value: string): Promise<Subscription | null> {
    const [row] = await this.#db.query<SubscriptionRow>(`SELECT * FROM subscriptions WHERE ${where} LIMIT 1`, [value]);
    return row ? toSubscription(row) : null;
  }

  #toAnnouncement(row: AnnouncementRow): Announcement {
    const account = row.handle
      ? { uri: row.account_uri, handle: row.handle, name: row.name ?? row.handle, url: row.url, avatarUrl: row.avatar_url }
      : null;
    return withVia(assembleAnnouncement(row.id, JSON.parse(row.data) as AnnouncementData, account, row.account_uri, this.#isOfficialHandle, row.global_emergencies), row);
  }
}

function toSubscription(row: SubscriptionRow): Subscription {
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
