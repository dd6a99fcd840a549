import type { DatabaseSync, SQLInputValue } from "node:sqlite";
import { forSqlite } from "./archive-limits";
import type { SqlRunner } from "./moderation-sql";

/** The moderation store's SQL over one SQLite database ($n placeholders numbered SQLite's way). */
export function sqliteRunner(db: DatabaseSync): SqlRunner {
  return {
    async all<Row>(sql: string, values: unknown[]) {
      return db.prepare(forSqlite(sql)).all(...(values as SQLInputValue[])) as Row[];
    },
    async run(sql: string, values: unknown[]) {
      return Number(db.prepare(forSqlite(sql)).run(...(values as SQLInputValue[])).changes);
    },
  };
}
