import pg from "pg";
import type { PoolClient, QueryResultRow } from "pg";
import { getLogger } from "@logtape/logtape";
import { PostgresNotifications } from "./postgres-notifications";
import { migratePostgres } from "./postgres-schema";

const logger = getLogger(["crier", "postgres"]);

export { withoutNul } from "./without-nul";

/**
 * One PostgreSQL database shared by the store, Fedify's key-value store and the
 * queue: a connection pool, and the migrations that must finish before the first
 * query (every query waits for them, so opening stays synchronous).
 */
export class PostgresDatabase {
  readonly pool: pg.Pool;
  readonly url: string;
  /** Settles when the schema is current; rejects with the reason it could not be. */
  readonly ready: Promise<void>;
  /** LISTEN for NOTIFY (queue wake-ups, live events of other instances). */
  readonly notifications: PostgresNotifications;

  constructor(url: string, options: { maxConnections?: number } = {}) {
    this.url = url;
    this.pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, application_name: "crier" });
    // An idle connection dropped by the server must not crash the process; the pool replaces it.
    this.pool.on("error", (error) => logger.warn("A PostgreSQL connection failed: {error}", { error }));
    this.notifications = new PostgresNotifications(url);
    this.ready = migratePostgres(this.pool);
    this.ready.catch(() => {}); // Reported by whoever awaits it (startup); not an unhandled rejection.
  }

  /** Runs one statement once the schema is ready. */
  async query<Row extends QueryResultRow = QueryResultRow>(sql: string, values: unknown[] = []): Promise<Row[]> {
    await this.ready;
    return (await this.pool.query<Row>(sql, values)).rows;
  }

  /** Runs `work` in one transaction on one connection; rolls back if it throws. */
  async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    await this.ready;
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const result = await work(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /** Sends a NOTIFY to every instance listening on `channel` (payloads stay under 8000 bytes). */
  async notify(channel: string, payload: string): Promise<void> {
    await this.query("SELECT pg_notify($1, $2)", [channel, payload]);
  }

  /** Closes every connection (tests, shutdown). */
  async close(): Promise<void> {
    await this.ready.catch(() => {});
    await this.notifications.close();
    await this.pool.end();
  }
}
