// SQL shared by the SQLite and PostgreSQL halves of the moderation store: written with
// PostgreSQL's $n placeholders, which the SQLite half numbers its own way (forSqlite).

/** What the moderation store needs from a database: rows out, and a count of rows changed. */
export interface SqlRunner {
  all<Row>(sql: string, values: unknown[]): Promise<Row[]>;
  run(sql: string, values: unknown[]): Promise<number>;
}

/**
 * The join and the condition that keep hidden and ended announcements off every public
 * channel; `$now` is replaced by the placeholder that carries the current time (ISO).
 */
export const CONTROLS_JOIN = "LEFT JOIN announcement_controls c ON c.announcement_id = a.id";

/** True for an announcement no operator hid and whose end time (if any) is after `nowPlaceholder`. */
export function isVisibleSql(nowPlaceholder: string): string {
  return `(c.announcement_id IS NULL OR (c.hidden = 0 AND (c.show_until IS NULL OR c.show_until > ${nowPlaceholder})))`;
}
