import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { SqliteStore } from "../../../lib/store/sqlite-store";
import { SQLITE_SCHEMA_VERSION } from "../../../lib/store/sqlite-schema";
import { describeArchiveLimitsContract } from "./archive-limits-contract";
import { describeModerationContract } from "./moderation-contract";
import { describeStoreContract } from "./store-contract";
import { describeCapStoreContract } from "./cap-store-contract";
import { describeEmergencyListContract } from "./emergency-list-contract";

// A real SQLite database (in memory: same engine and SQL as the file in DATA_DIR).
const isOfficial = (handle: string) => handle.endsWith("@council.example");
describeStoreContract("SQLite", async () => new SqliteStore(new DatabaseSync(":memory:"), isOfficial));
describeCapStoreContract("SQLite", async () => new SqliteStore(new DatabaseSync(":memory:"), isOfficial));
describeModerationContract("SQLite", async () => new SqliteStore(new DatabaseSync(":memory:"), isOfficial));
describeEmergencyListContract("SQLite", async () => new SqliteStore(new DatabaseSync(":memory:"), isOfficial));
describeArchiveLimitsContract("SQLite", async (limits) => new SqliteStore(new DatabaseSync(":memory:"), isOfficial, limits));

describe("SQLite schema", () => {
  it("refuses a database whose schema is newer than this build, and leaves it untouched", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "crier-store-")), "crier.sqlite");
    new SqliteStore(new DatabaseSync(file), isOfficial);
    const db = new DatabaseSync(file);
    db.exec(`PRAGMA user_version = ${SQLITE_SCHEMA_VERSION + 1}`);
    expect(() => new SqliteStore(new DatabaseSync(file), isOfficial)).toThrow(/newer than this build of Crier/);
    expect((db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version).toBe(SQLITE_SCHEMA_VERSION + 1);
  });

  it("answers the case-insensitive handle lookups from an index, not a table scan", () => {
    const db = new DatabaseSync(":memory:");
    new SqliteStore(db, isOfficial);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((row) => row.detail).join("; ");
    expect(plan("SELECT * FROM accounts WHERE lower(handle) = lower('@News@Council.example')")).toMatch(/USING INDEX accounts_handle/);
    expect(plan("SELECT * FROM subscriptions WHERE lower(handle) = lower('@News@Council.example')")).toMatch(/USING INDEX subscriptions_handle_lower/);
  });
});
