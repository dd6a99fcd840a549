import { CAP_TABLES_SQL } from "./cap-store";
import { EMERGENCY_LIST_TABLE_SQL } from "./emergency-list-store";
import type { DatabaseSync } from "node:sqlite";

/** Schema migrations, applied in order on start; each runs once (tracked in PRAGMA user_version). */
const MIGRATIONS: string[] = [
  `CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE accounts (
     uri TEXT PRIMARY KEY, handle TEXT NOT NULL, name TEXT NOT NULL,
     url TEXT, avatar_url TEXT, updated_at TEXT NOT NULL);
   CREATE INDEX accounts_handle ON accounts (handle);
   CREATE TABLE subscriptions (
     id TEXT PRIMARY KEY, handle TEXT NOT NULL UNIQUE, actor_uri TEXT, actor_type TEXT, name TEXT,
     state TEXT NOT NULL, reason TEXT, follow_id TEXT, inbox TEXT, language TEXT,
     created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
   CREATE INDEX subscriptions_actor ON subscriptions (actor_uri);
   CREATE INDEX subscriptions_follow ON subscriptions (follow_id);
   CREATE TABLE announcements (
     id TEXT PRIMARY KEY, uri TEXT NOT NULL UNIQUE, account_uri TEXT NOT NULL, via_uri TEXT,
     published TEXT NOT NULL, data TEXT NOT NULL, content_hash TEXT NOT NULL,
     removed TEXT, version INTEGER NOT NULL, received_at TEXT NOT NULL);
   CREATE INDEX announcements_timeline ON announcements (removed, published DESC, id DESC);
   CREATE INDEX announcements_account ON announcements (account_uri);
   CREATE INDEX announcements_via ON announcements (via_uri);
   CREATE TABLE announcement_versions (
     seq INTEGER PRIMARY KEY AUTOINCREMENT, announcement_id TEXT NOT NULL, version INTEGER NOT NULL,
     event TEXT NOT NULL, data TEXT NOT NULL, account_uri TEXT NOT NULL, recorded_at TEXT NOT NULL);
   CREATE INDEX announcement_versions_id ON announcement_versions (announcement_id, seq);`,
  `CREATE TABLE screens (name TEXT PRIMARY KEY, config TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
   CREATE TABLE screen_heartbeats (
     screen TEXT NOT NULL, device TEXT NOT NULL, last_seen TEXT NOT NULL, showing TEXT, state TEXT NOT NULL,
     reload_requested INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (screen, device));
   CREATE INDEX screen_heartbeats_seen ON screen_heartbeats (screen, last_seen DESC);`,
  // Heartbeats from before devices enrolled came from anyone: nobody vouches for them.
  `CREATE TABLE screen_devices (
     screen TEXT NOT NULL, device TEXT NOT NULL, secret_hash TEXT NOT NULL, created_at TEXT NOT NULL,
     PRIMARY KEY (screen, device));
   DELETE FROM screen_heartbeats;
   CREATE TABLE admin_sessions (id_hash TEXT PRIMARY KEY, created_at TEXT NOT NULL, expires_at TEXT NOT NULL);
   CREATE INDEX admin_sessions_expiry ON admin_sessions (expires_at);`,
  // Edits stored per account in the current clock hour (ACCOUNT_UPDATES_PER_HOUR).
  `CREATE TABLE account_update_counts (account_uri TEXT PRIMARY KEY, hour INTEGER NOT NULL, count INTEGER NOT NULL);`,
  // The queue's table (its constructor used to make it, hence IF NOT EXISTS), and indexes on what
  // is queried: handles are looked up case-insensitively, keyed messages by their key.
  `CREATE TABLE IF NOT EXISTS crier_queue (
     id INTEGER PRIMARY KEY AUTOINCREMENT, message TEXT NOT NULL, ordering_key TEXT,
     scheduled_at INTEGER NOT NULL, leased_until INTEGER, attempts INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL);
   CREATE INDEX IF NOT EXISTS crier_queue_scheduled ON crier_queue (scheduled_at);
   CREATE INDEX crier_queue_ordering ON crier_queue (ordering_key) WHERE ordering_key IS NOT NULL;
   DROP INDEX accounts_handle;
   CREATE INDEX accounts_handle ON accounts (lower(handle));
   CREATE INDEX subscriptions_handle_lower ON subscriptions (lower(handle));`,
  // CAP (issue 14): the messages Crier published about each announcement, and the sources it reads.
  CAP_TABLES_SQL,
  // Conversation rules and operator actions (issue 13): each post as its author sent it (a thread is
  // joined from these), what operators decided per announcement and per screen, and their audit log.
  `ALTER TABLE subscriptions ADD COLUMN boosts TEXT NOT NULL DEFAULT 'none';
   CREATE TABLE post_sources (
     uri TEXT PRIMARY KEY, account_uri TEXT NOT NULL, via_uri TEXT, in_reply_to TEXT, kind TEXT NOT NULL,
     root_uri TEXT, published TEXT NOT NULL, language TEXT, draft TEXT NOT NULL, removed INTEGER NOT NULL DEFAULT 0);
   CREATE INDEX post_sources_root ON post_sources (root_uri);
   CREATE INDEX post_sources_reply ON post_sources (in_reply_to);
   CREATE TABLE announcement_controls (
     announcement_id TEXT PRIMARY KEY, hidden INTEGER NOT NULL DEFAULT 0, hidden_reason TEXT, pinned_at TEXT, show_until TEXT);
   CREATE INDEX announcement_controls_until ON announcement_controls (show_until);
   CREATE TABLE audit_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, who TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL, reason TEXT);
   CREATE TABLE screen_approvals (
     screen TEXT NOT NULL, announcement_id TEXT NOT NULL, decision TEXT NOT NULL, decided_at TEXT NOT NULL,
     PRIMARY KEY (screen, announcement_id));`,
  EMERGENCY_LIST_TABLE_SQL,
  // The name an operator gives at sign-in, for the audit log.
  `ALTER TABLE admin_sessions ADD COLUMN name TEXT NOT NULL DEFAULT '';`,
];

/** The schema version this build expects. */
export const SQLITE_SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the database up to the current schema, one migration per transaction (the
 * version is read inside it, so the store's and the queue's connections cannot both
 * apply one). Refuses a database a newer build has migrated, whose tables this build
 * would misread.
 */
export function migrateSqlite(db: DatabaseSync): void {
  const readVersion = () => (db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version;
  // Up to date: no write lock taken (another process may hold it; a start must not wait for it).
  if (readVersion() === MIGRATIONS.length) return;
  for (;;) {
    db.exec("BEGIN IMMEDIATE");
    try {
      const current = readVersion();
      if (current > MIGRATIONS.length) {
        throw new Error(`the database in DATA_DIR has schema version ${current}, newer than this build of Crier knows (version ${MIGRATIONS.length}); upgrade Crier, or restore a backup made by this version.`);
      }
      if (current === MIGRATIONS.length) {
        db.exec("COMMIT");
        return;
      }
      db.exec(MIGRATIONS[current]!);
      db.exec(`PRAGMA user_version = ${current + 1}`);
      db.exec("COMMIT");
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
  }
}
