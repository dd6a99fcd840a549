import type { PostgresDatabase } from "./postgres-database";
import type { AdminSessionRecord } from "./types";

// Admin console sessions in PostgreSQL: shared, so signing out on one instance ends the session on all.

/** The admin_sessions table of the shared database. */
export class PostgresAdminSessions {
  readonly #db: PostgresDatabase;

  constructor(db: PostgresDatabase) {
    this.#db = db;
  }

  async create(idHash: string, expiresAt: string, now: string, name: string): Promise<void> {
    await this.#db.query("DELETE FROM admin_sessions WHERE expires_at <= $1", [now]);
    await this.#db.query("INSERT INTO admin_sessions (id_hash, created_at, expires_at, name) VALUES ($1, $2, $3, $4)", [idHash, now, expiresAt, name]);
  }

  async get(idHash: string): Promise<AdminSessionRecord | null> {
    const [row] = await this.#db.query<{ expires_at: string; name: string }>("SELECT expires_at, name FROM admin_sessions WHERE id_hash = $1", [idHash]);
    return row ? { expiresAt: row.expires_at, name: row.name } : null;
  }

  async delete(idHash: string): Promise<void> {
    await this.#db.query("DELETE FROM admin_sessions WHERE id_hash = $1", [idHash]);
  }
}
