import { randomUUID } from "node:crypto";
import type { DatabaseSync } from "node:sqlite";
import { CAP_SOURCE_COLUMNS, toCapSource, toCapVersion, type CapSource, type CapSourceInput, type CapSourcePatch, type CapStore, type CapVersion } from "./cap-store";
import { withoutNul } from "./without-nul";

/** CAP messages and sources over one SQLite database. */
export class SqliteCap implements CapStore {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  async listVersions(announcementId: string): Promise<CapVersion[]> {
    return (this.#db.prepare("SELECT * FROM cap_versions WHERE announcement_id = ? ORDER BY seq").all(announcementId) as never[]).map(toCapVersion);
  }

  async listLatestVersions(): Promise<CapVersion[]> {
    const rows = this.#db.prepare(`SELECT v.* FROM cap_versions v JOIN (SELECT announcement_id, MAX(seq) AS seq FROM cap_versions GROUP BY announcement_id) latest
      ON latest.announcement_id = v.announcement_id AND latest.seq = v.seq ORDER BY v.sent DESC`).all() as never[];
    return rows.map(toCapVersion);
  }

  async addVersion(version: CapVersion): Promise<boolean> {
    const result = this.#db
      .prepare("INSERT INTO cap_versions (announcement_id, seq, identifier, msg_type, sent, fingerprint, expires, language, headline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
      .run(version.announcementId, version.seq, version.identifier, version.msgType, version.sent, version.fingerprint, version.expires, version.language, withoutNul(version.headline));
    return result.changes > 0;
  }

  async createSource(input: CapSourceInput): Promise<CapSource | null> {
    const id = randomUUID();
    const now = new Date().toISOString();
    const result = this.#db
      .prepare(`INSERT INTO cap_sources (id, kind, url, name, min_severity, area, paused, state, created_at, updated_at)
        VALUES (?, 'cap', ?, ?, ?, ?, 0, 'pending', ?, ?) ON CONFLICT (url) DO NOTHING`)
      .run(id, withoutNul(input.url), withoutNul(input.name), input.minSeverity, input.area, now, now);
    return result.changes > 0 ? this.getSource(id) : null;
  }

  async listSources(): Promise<CapSource[]> {
    return (this.#db.prepare("SELECT * FROM cap_sources ORDER BY created_at, id").all() as never[]).map(toCapSource);
  }

  async getSource(id: string): Promise<CapSource | null> {
    const row = this.#db.prepare("SELECT * FROM cap_sources WHERE id = ?").get(id) as never;
    return row ? toCapSource(row) : null;
  }

  async updateSource(id: string, patch: CapSourcePatch): Promise<CapSource | null> {
    const entries = Object.entries(patch).filter(([, value]) => value !== undefined) as [keyof CapSourcePatch, unknown][];
    const sets = entries.map(([key]) => `${CAP_SOURCE_COLUMNS[key]} = ?`);
    const values = entries.map(([, value]) => (typeof value === "boolean" ? Number(value) : typeof value === "string" ? withoutNul(value) : value)) as (string | number | null)[];
    this.#db.prepare(`UPDATE cap_sources SET ${[...sets, "updated_at = ?"].join(", ")} WHERE id = ?`).run(...values, new Date().toISOString(), id);
    return this.getSource(id);
  }

  async deleteSource(id: string): Promise<boolean> {
    return this.#db.prepare("DELETE FROM cap_sources WHERE id = ?").run(id).changes > 0;
  }
}
