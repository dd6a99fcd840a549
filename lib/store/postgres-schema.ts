import { CAP_TABLES_SQL } from "./cap-store";
import { EMERGENCY_LIST_TABLE_SQL } from "./emergency-list-store";
import type { Pool } from "pg";

// Text columns that are sorted use COLLATE "C" (byte order), as SQLite sorts them.
// JSON is kept as TEXT, not JSONB: JSONB refuses "\u0000", which remote content may hold.

/**
 * Schema migrations, applied in order on start; each runs once (recorded in
 * schema_migrations). The tables mirror the SQLite ones (lib/store/sqlite-schema.ts),
 * plus Fedify's key-value store and the message queue, which SQLite keeps in tables
 * of their own making.
 */
const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: "store, key-value store and queue",
    sql: `
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE accounts (
        uri TEXT PRIMARY KEY, handle TEXT NOT NULL, name TEXT NOT NULL,
        url TEXT, avatar_url TEXT, updated_at TEXT NOT NULL);
      CREATE INDEX accounts_handle ON accounts (lower(handle));
      CREATE TABLE subscriptions (
        id TEXT COLLATE "C" PRIMARY KEY, handle TEXT NOT NULL UNIQUE, actor_uri TEXT, actor_type TEXT, name TEXT,
        state TEXT NOT NULL, reason TEXT, follow_id TEXT, inbox TEXT, language TEXT,
        created_at TEXT COLLATE "C" NOT NULL, updated_at TEXT NOT NULL);
      CREATE INDEX subscriptions_actor ON subscriptions (actor_uri);
      CREATE INDEX subscriptions_follow ON subscriptions (follow_id);
      CREATE TABLE announcements (
        id TEXT COLLATE "C" PRIMARY KEY, uri TEXT NOT NULL UNIQUE, account_uri TEXT NOT NULL, via_uri TEXT,
        published TEXT COLLATE "C" NOT NULL, data TEXT NOT NULL, content_hash TEXT NOT NULL,
        removed TEXT, version INTEGER NOT NULL, received_at TEXT NOT NULL);
      CREATE INDEX announcements_timeline ON announcements (published DESC, id DESC) WHERE removed IS NULL;
      CREATE INDEX announcements_account ON announcements (account_uri);
      CREATE INDEX announcements_via ON announcements (via_uri);
      CREATE TABLE announcement_versions (
        seq BIGSERIAL PRIMARY KEY, announcement_id TEXT NOT NULL, version INTEGER NOT NULL,
        event TEXT NOT NULL, data TEXT NOT NULL, account_uri TEXT NOT NULL, recorded_at TEXT NOT NULL);
      CREATE INDEX announcement_versions_id ON announcement_versions (announcement_id, seq);
      CREATE TABLE kv (key TEXT[] PRIMARY KEY, value TEXT NOT NULL, expires_at TIMESTAMPTZ);
      CREATE INDEX kv_expires ON kv (expires_at) WHERE expires_at IS NOT NULL;
      CREATE TABLE queue (
        id BIGSERIAL PRIMARY KEY, message TEXT NOT NULL, ordering_key TEXT,
        scheduled_at TIMESTAMPTZ NOT NULL, leased_until TIMESTAMPTZ,
        attempts INTEGER NOT NULL DEFAULT 0, created_at TIMESTAMPTZ NOT NULL DEFAULT now());
      CREATE INDEX queue_due ON queue (scheduled_at, id);
      CREATE INDEX queue_ordering ON queue (ordering_key) WHERE ordering_key IS NOT NULL;
      CREATE SEQUENCE instance_numbers;`,
  },
  {
    version: 2,
    name: "signage screens and device heartbeats",
    sql: `
      CREATE TABLE screens (name TEXT COLLATE "C" PRIMARY KEY, config TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
      CREATE TABLE screen_heartbeats (
        screen TEXT NOT NULL, device TEXT COLLATE "C" NOT NULL, last_seen TEXT COLLATE "C" NOT NULL, showing TEXT, state TEXT NOT NULL,
        reload_requested BOOLEAN NOT NULL DEFAULT false, PRIMARY KEY (screen, device));
      CREATE INDEX screen_heartbeats_seen ON screen_heartbeats (screen, last_seen DESC);`,
  },
  {
    version: 3,
    name: "enrolled kiosk devices and admin sessions",
    // Heartbeats from before devices enrolled came from anyone: nobody vouches for them.
    sql: `
      CREATE TABLE screen_devices (
        screen TEXT NOT NULL, device TEXT COLLATE "C" NOT NULL, secret_hash TEXT NOT NULL, created_at TEXT NOT NULL,
        PRIMARY KEY (screen, device));
      DELETE FROM screen_heartbeats;
      CREATE TABLE admin_sessions (id_hash TEXT PRIMARY KEY, created_at TEXT NOT NULL, expires_at TEXT COLLATE "C" NOT NULL);
      CREATE INDEX admin_sessions_expiry ON admin_sessions (expires_at);`,
  },
  {
    version: 4,
    name: "edits per account per hour",
    sql: `CREATE TABLE account_update_counts (account_uri TEXT PRIMARY KEY, hour INTEGER NOT NULL, count INTEGER NOT NULL);`,
  },
  {
    version: 5,
    name: "case-insensitive subscription handles indexed as queried",
    sql: `CREATE INDEX subscriptions_handle_lower ON subscriptions (lower(handle));`,
  },
  {
    version: 6,
    name: "CAP messages published and CAP sources read",
    sql: CAP_TABLES_SQL,
  },
  {
    version: 7,
    name: "conversation rules, operator actions and their audit log",
    sql: `ALTER TABLE subscriptions ADD COLUMN boosts TEXT NOT NULL DEFAULT 'none';
      CREATE TABLE post_sources (
        uri TEXT PRIMARY KEY, account_uri TEXT NOT NULL, via_uri TEXT, in_reply_to TEXT, kind TEXT NOT NULL,
        root_uri TEXT, published TEXT COLLATE "C" NOT NULL, language TEXT, draft TEXT NOT NULL, removed INTEGER NOT NULL DEFAULT 0);
      CREATE INDEX post_sources_root ON post_sources (root_uri);
      CREATE INDEX post_sources_reply ON post_sources (in_reply_to);
      CREATE TABLE announcement_controls (
        announcement_id TEXT PRIMARY KEY, hidden INTEGER NOT NULL DEFAULT 0, hidden_reason TEXT,
        pinned_at TEXT COLLATE "C", show_until TEXT COLLATE "C");
      CREATE INDEX announcement_controls_until ON announcement_controls (show_until);
      CREATE TABLE audit_log (seq BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, who TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL, reason TEXT);
      CREATE TABLE screen_approvals (
        screen TEXT NOT NULL, announcement_id TEXT NOT NULL, decision TEXT NOT NULL, decided_at TEXT NOT NULL,
        PRIMARY KEY (screen, announcement_id));`,
  },
  {
    version: 8,
    name: "global emergency lists kept in the console",
    sql: EMERGENCY_LIST_TABLE_SQL,
  },
  {
    version: 9,
    name: "the name an operator gives at sign-in, for the audit log",
    sql: `ALTER TABLE admin_sessions ADD COLUMN name TEXT NOT NULL DEFAULT '';`,
  },
];

/** Any constant works: every Crier instance takes the same lock before migrating. */
const MIGRATION_LOCK = 7_337_001;

/** The schema version this build expects. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

/**
 * Brings the database up to the current schema, holding an advisory lock so that
 * instances starting together migrate one after another instead of racing.
 */
export async function migratePostgres(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
      const { rows } = await client.query<{ version: number }>("SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations");
      const current = rows[0]!.version;
      if (current > SCHEMA_VERSION) {
        throw new Error(`the database schema (version ${current}) is newer than this build of Crier knows (version ${SCHEMA_VERSION}); upgrade Crier on this instance.`);
      }
      for (const migration of MIGRATIONS.filter((candidate) => candidate.version > current)) {
        await client.query("BEGIN");
        try {
          await client.query(migration.sql);
          await client.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [migration.version, migration.name]);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw error;
        }
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
