import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresDatabase } from "../../../lib/store/postgres-database";
import { PostgresStore } from "../../../lib/store/postgres-store";
import { SCHEMA_VERSION } from "../../../lib/store/postgres-schema";
import { startTestPostgres, whyNoPostgres, type TestPostgres } from "../../setup/postgres";
import { describeArchiveLimitsContract } from "./archive-limits-contract";
import { describeModerationContract } from "./moderation-contract";
import { describeStoreContract } from "./store-contract";
import { describeCapStoreContract } from "./cap-store-contract";
import { describeEmergencyListContract } from "./emergency-list-contract";

// A real PostgreSQL server (tests/setup/postgres.ts); each store gets a fresh database.
const skipReason = whyNoPostgres();
if (skipReason) console.warn(`Skipping the PostgreSQL store tests: ${skipReason}.`);

describe.skipIf(skipReason !== null)("PostgreSQL", () => {
  let server: TestPostgres;
  const opened: PostgresDatabase[] = [];
  const open = async () => {
    const db = new PostgresDatabase(await server.createDatabase());
    opened.push(db);
    return db;
  };

  beforeAll(async () => {
    server = await startTestPostgres();
  });
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.close()));
    await server?.stop();
  });

  describeStoreContract("PostgreSQL", async () => new PostgresStore(await open(), (handle) => handle.endsWith("@council.example")));
  describeCapStoreContract("PostgreSQL", async () => new PostgresStore(await open(), (handle) => handle.endsWith("@council.example")));
  describeModerationContract("PostgreSQL", async () => new PostgresStore(await open(), (handle) => handle.endsWith("@council.example")));
  describeEmergencyListContract("PostgreSQL", async () => new PostgresStore(await open(), (handle) => handle.endsWith("@council.example")));
  describeArchiveLimitsContract("PostgreSQL", async (limits) => new PostgresStore(await open(), (handle) => handle.endsWith("@council.example"), limits));

  it("migrates once when several instances start on a new database together", async () => {
    const url = await server.createDatabase();
    const instances = Array.from({ length: 4 }, () => new PostgresDatabase(url, { maxConnections: 2 }));
    opened.push(...instances);
    await Promise.all(instances.map((db) => db.ready));
    const rows = await instances[0]!.query<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version");
    expect(rows.map((row) => row.version)).toEqual(Array.from({ length: SCHEMA_VERSION }, (_, index) => index + 1));
    const again = new PostgresDatabase(url);
    opened.push(again);
    await again.ready;
    expect(await again.query("SELECT version FROM schema_migrations")).toHaveLength(SCHEMA_VERSION);
  });

  it("answers the case-insensitive handle lookups from an index (as SQLite does)", async () => {
    const db = await open();
    await new PostgresStore(db, () => false).ping();
    // Empty tables: forbid sequential scans, so the plan shows whether an index can answer at all.
    const plan = (sql: string) => db.transaction(async (client) => {
      await client.query("SET LOCAL enable_seqscan = off");
      return (await client.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql}`)).rows.map((row) => row["QUERY PLAN"]).join("; ");
    });
    expect(await plan("SELECT * FROM accounts WHERE lower(handle) = lower('@News@Council.example')")).toMatch(/accounts_handle/);
    expect(await plan("SELECT * FROM subscriptions WHERE lower(handle) = lower('@News@Council.example')")).toMatch(/subscriptions_handle_lower/);
  });

  it("refuses a database whose schema is newer than this build", async () => {
    const db = await open();
    await db.query("INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')");
    const newer = new PostgresDatabase(db.url);
    opened.push(newer);
    await expect(newer.ready).rejects.toThrow(/newer than this build/);
  });
});
