import { randomUUID } from "node:crypto";
import { CAP_SOURCE_COLUMNS, toCapSource, toCapVersion, type CapSource, type CapSourceInput, type CapSourcePatch, type CapSourceRow, type CapStore, type CapVersion, type CapVersionRow } from "./cap-store";
import { withoutNul, type PostgresDatabase } from "./postgres-database";

/** CAP messages and sources in the shared PostgreSQL database: every instance hands out the same identifiers. */
export class PostgresCap implements CapStore {
  readonly #db: PostgresDatabase;

  constructor(db: PostgresDatabase) {
    this.#db = db;
  }

  async listVersions(announcementId: string): Promise<CapVersion[]> {
    return (await this.#db.query<CapVersionRow>("SELECT * FROM cap_versions WHERE announcement_id = $1 ORDER BY seq", [announcementId])).map(toCapVersion);
  }

  async listLatestVersions(): Promise<CapVersion[]> {
    const rows = await this.#db.query<CapVersionRow>("SELECT DISTINCT ON (announcement_id) * FROM cap_versions ORDER BY announcement_id, seq DESC");
    return rows.map(toCapVersion).sort((a, b) => (a.sent < b.sent ? 1 : a.sent > b.sent ? -1 : 0));
  }

  async addVersion(version: CapVersion): Promise<boolean> {
    const rows = await this.#db.query(
      "INSERT INTO cap_versions (announcement_id, seq, identifier, msg_type, sent, fingerprint, expires, language, headline) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING seq",
      [version.announcementId, version.seq, version.identifier, version.msgType, version.sent, version.fingerprint, version.expires, version.language, withoutNul(version.headline)],
    );
    return rows.length > 0;
  }

  async createSource(input: CapSourceInput): Promise<CapSource | null> {
    const now = new Date().toISOString();
    const [row] = await this.#db.query<CapSourceRow>(
      `INSERT INTO cap_sources (id, kind, url, name, min_severity, area, paused, state, created_at, updated_at)
       VALUES ($1, 'cap', $2, $3, $4, $5, FALSE, 'pending', $6, $6) ON CONFLICT (url) DO NOTHING RETURNING *`,
      [randomUUID(), withoutNul(input.url), withoutNul(input.name), input.minSeverity, input.area, now],
    );
    return row ? toCapSource(row) : null;
  }

  async listSources(): Promise<CapSource[]> {
    return (await this.#db.query<CapSourceRow>("SELECT * FROM cap_sources ORDER BY created_at, id")).map(toCapSource);
  }

  async getSource(id: string): Promise<CapSource | null> {
    const [row] = await this.#db.query<CapSourceRow>("SELECT * FROM cap_sources WHERE id = $1", [id]);
    return row ? toCapSource(row) : null;
  }

  async updateSource(id: string, patch: CapSourcePatch): Promise<CapSource | null> {
    const entries = Object.entries(patch).filter(([, value]) => value !== undefined) as [keyof CapSourcePatch, unknown][];
    const sets = entries.map(([key], index) => `${CAP_SOURCE_COLUMNS[key]} = $${index + 1}`);
    const values = entries.map(([, value]) => (typeof value === "string" ? withoutNul(value) : value));
    const [row] = await this.#db.query<CapSourceRow>(
      `UPDATE cap_sources SET ${[...sets, `updated_at = $${entries.length + 1}`].join(", ")} WHERE id = $${entries.length + 2} RETURNING *`,
      [...values, new Date().toISOString(), id],
    );
    return row ? toCapSource(row) : null;
  }

  async deleteSource(id: string): Promise<boolean> {
    return (await this.#db.query("DELETE FROM cap_sources WHERE id = $1 RETURNING id", [id])).length > 0;
  }
}
