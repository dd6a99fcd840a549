import type { DatabaseSync } from "node:sqlite";
import type { AdminSessionRecord } from "./types";

// Admin console sessions in SQLite: one row per signed-in browser, keyed by a hash of its cookie.

/** The admin_sessions table of one SQLite database. */
export class SqliteAdminSessions {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  create(idHash: string, expiresAt: string, now: string, name: string): void {
    this.#db.prepare("DELETE FROM admin_sessions WHERE expires_at <= ?").run(now);
    this.#db.prepare("INSERT INTO admin_sessions (id_hash, created_at, expires_at, name) VALUES (?, ?, ?, ?)").run(idHash, now, expiresAt, name);
  }

  get(idHash: string): AdminSessionRecord | null {
    const row = this.#db.prepare("SELECT expires_at, name FROM admin_sessions WHERE id_hash = ?").get(idHash) as { expires_at: string; name: string } | undefined;
    return row ? { expiresAt: row.expires_at, name: row.name } : null;
  }

  delete(idHash: string): void {
    this.#db.prepare("DELETE FROM admin_sessions WHERE id_hash = ?").run(idHash);
  }
}
