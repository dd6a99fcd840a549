/** How much the version archive keeps (ARCHIVE_MAX_VERSIONS, ACCOUNT_UPDATES_PER_HOUR). */
export interface ArchiveLimits {
  /** Versions kept per announcement, the newest; older ones are removed as new ones arrive. */
  maxVersionsPerPost: number;
  /** Edits stored per account in one clock hour; more are refused ("limited"). */
  maxUpdatesPerAccountPerHour: number;
  /** The clock, in ms (tests move it to the next hour). */
  now?: () => number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = { maxVersionsPerPost: 20, maxUpdatesPerAccountPerHour: 120 };

/** The clock hour an edit counts in: a fixed window, one counter row per account. */
export function getUpdateHour(limits: ArchiveLimits): number {
  return Math.floor((limits.now?.() ?? Date.now()) / 3_600_000);
}

// Both engines: a new version, then everything older than the newest `max`; and an
// edit counter that starts again at 1 in a new hour. Written for PostgreSQL ($1…);
// forSqlite() numbers the placeholders SQLite's way (?1…).
export const INSERT_VERSION_SQL =
  "INSERT INTO announcement_versions (announcement_id, version, event, data, account_uri, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)";
export const TRIM_VERSIONS_SQL = `DELETE FROM announcement_versions WHERE announcement_id = $1 AND seq <= (
  SELECT seq FROM announcement_versions WHERE announcement_id = $1 ORDER BY seq DESC LIMIT 1 OFFSET $2)`;
export const COUNT_UPDATE_SQL = `INSERT INTO account_update_counts (account_uri, hour, count) VALUES ($1, $2, 1)
  ON CONFLICT (account_uri) DO UPDATE SET count = CASE WHEN account_update_counts.hour = excluded.hour
    THEN account_update_counts.count + 1 ELSE 1 END, hour = excluded.hour
  RETURNING count`;

/** The same statement with SQLite's numbered placeholders. */
export function forSqlite(sql: string): string {
  return sql.replace(/\$(\d+)/g, "?$1");
}
