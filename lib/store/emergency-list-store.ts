import type { SqlRunner } from "./moderation-sql";
import { withoutNul } from "./without-nul";

// The global emergency lists an operator keeps in the console or the admin API
// (EMERGENCY_ACCOUNTS and EMERGENCY_HASHTAGS stay in the environment beside them).
// One implementation over SQLite and PostgreSQL (SqlRunner), like the moderation store.

export type EmergencyEntryKind = "account" | "hashtag";

/** One stored entry: a normalised handle (@alerts@council.example) or hashtag (flood), and who added it when. */
export interface EmergencyEntry {
  kind: EmergencyEntryKind;
  value: string;
  addedAt: string;
  addedBy: string;
}

/** The table (migration 8 of both schemas). */
export const EMERGENCY_LIST_TABLE_SQL = `CREATE TABLE global_emergencies (
  kind TEXT NOT NULL, value TEXT NOT NULL, added_at TEXT NOT NULL, added_by TEXT NOT NULL,
  PRIMARY KEY (kind, value));`;

/**
 * A column every announcement read selects: the stored lists as "account:@a@b hashtag:flood",
 * read in the same statement as the rows, so the store's next read on any instance
 * applies a change, with no copy of the lists kept in a process (string_agg:
 * PostgreSQL, and SQLite since 3.44).
 */
export const GLOBAL_EMERGENCIES_COLUMN = "(SELECT string_agg(kind || ':' || value, ' ') FROM global_emergencies) AS global_emergencies";

/** The stored lists, normalised. */
export interface StoredEmergencyLists {
  accounts: string[];
  hashtags: string[];
}

/** The stored lists out of GLOBAL_EMERGENCIES_COLUMN's text (null or empty: none). */
export function parseGlobalEmergencies(text: string | null | undefined): StoredEmergencyLists {
  const accounts: string[] = [];
  const hashtags: string[] = [];
  for (const item of (text ?? "").split(" ")) {
    if (item.startsWith("account:")) accounts.push(item.slice("account:".length));
    else if (item.startsWith("hashtag:")) hashtags.push(item.slice("hashtag:".length));
  }
  return { accounts, hashtags };
}

interface Row { kind: EmergencyEntryKind; value: string; added_at: string; added_by: string }

/** The stored global emergency lists, over either database. */
export class EmergencyListStore {
  readonly #sql: SqlRunner;

  constructor(sql: SqlRunner) {
    this.#sql = sql;
  }

  /** Every stored entry, accounts first, each kind in order of its value. */
  async list(): Promise<EmergencyEntry[]> {
    const rows = await this.#sql.all<Row>("SELECT * FROM global_emergencies", []);
    // Sorted here: the two databases' collations order non-ASCII letters differently.
    const key = (row: Row) => `${row.kind === "account" ? 0 : 1}${row.value}`;
    return rows
      .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
      .map((row) => ({ kind: row.kind, value: row.value, addedAt: row.added_at, addedBy: row.added_by }));
  }

  /** Adds an entry (already normalised); false when it is listed already. */
  async add(kind: EmergencyEntryKind, value: string, addedBy: string, addedAt = new Date().toISOString()): Promise<boolean> {
    const changed = await this.#sql.run(
      "INSERT INTO global_emergencies (kind, value, added_at, added_by) VALUES ($1, $2, $3, $4) ON CONFLICT (kind, value) DO NOTHING",
      [kind, withoutNul(value), addedAt, withoutNul(addedBy)],
    );
    return changed > 0;
  }

  /** Removes an entry; false when it was not listed. */
  async remove(kind: EmergencyEntryKind, value: string): Promise<boolean> {
    return (await this.#sql.run("DELETE FROM global_emergencies WHERE kind = $1 AND value = $2", [kind, value])) > 0;
  }
}
