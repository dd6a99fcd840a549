import { isDeepStrictEqual } from "node:util";
import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from "@fedify/fedify";
import type { PostgresDatabase } from "./postgres-database";

const NOT_EXPIRED = "(expires_at IS NULL OR expires_at > now())";

function getTtlMs(options?: KvStoreSetOptions): number | null {
  return options?.ttl ? Math.max(0, options.ttl.total({ unit: "millisecond" })) : null;
}

/**
 * Fedify's key-value store on our own `kv` table (the 1.x `@fedify/postgres` does
 * not work with Fedify 2). Keys are text arrays, so `list(prefix)` compares whole
 * key parts; expired entries are invisible at once and swept now and then.
 */
export class PostgresKvStore implements KvStore {
  readonly #db: PostgresDatabase;
  #writesSinceSweep = 0;

  constructor(db: PostgresDatabase) {
    this.#db = db;
  }

  async get<T = unknown>(key: KvKey): Promise<T | undefined> {
    const [row] = await this.#db.query<{ value: string }>(`SELECT value FROM kv WHERE key = $1 AND ${NOT_EXPIRED}`, [key]);
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  async set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
    if (value === undefined) return; // As @fedify/sqlite does: JSON has no undefined.
    await this.#db.query(
      `INSERT INTO kv (key, value, expires_at) VALUES ($1, $2, now() + $3::float8 * interval '1 millisecond')
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
      [key, JSON.stringify(value), getTtlMs(options)],
    );
    await this.#sweepNowAndThen();
  }

  async delete(key: KvKey): Promise<void> {
    await this.#db.query("DELETE FROM kv WHERE key = $1", [key]);
  }

  /** Sets `newValue` (undefined: deletes) only if the current value equals `expectedValue` (undefined: absent or expired). */
  async cas(key: KvKey, expectedValue: unknown, newValue: unknown, options?: KvStoreSetOptions): Promise<boolean> {
    return this.#db.transaction(async (client) => {
      await client.query("SELECT pg_advisory_xact_lock(hashtext($1::text))", [JSON.stringify(key)]);
      const current = (await client.query<{ value: string }>(`SELECT value FROM kv WHERE key = $1 AND ${NOT_EXPIRED}`, [key])).rows[0];
      const isExpected = current === undefined ? expectedValue === undefined : isDeepStrictEqual(JSON.parse(current.value), expectedValue);
      if (!isExpected) return false;
      if (newValue === undefined) {
        await client.query("DELETE FROM kv WHERE key = $1", [key]);
        return true;
      }
      await client.query(
        `INSERT INTO kv (key, value, expires_at) VALUES ($1, $2, now() + $3::float8 * interval '1 millisecond')
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
        [key, JSON.stringify(newValue), getTtlMs(options)],
      );
      return true;
    });
  }

  async *list(prefix?: KvKey): AsyncIterable<KvStoreListEntry> {
    const rows = prefix?.length
      ? await this.#db.query<{ key: string[]; value: string }>(
          `SELECT key, value FROM kv WHERE key[1:$2] = $1 AND ${NOT_EXPIRED} ORDER BY key`,
          [prefix, prefix.length],
        )
      : await this.#db.query<{ key: string[]; value: string }>(`SELECT key, value FROM kv WHERE ${NOT_EXPIRED} ORDER BY key`);
    for (const row of rows) yield { key: row.key as unknown as KvKey, value: JSON.parse(row.value) };
  }

  async #sweepNowAndThen(): Promise<void> {
    if (++this.#writesSinceSweep < 500) return;
    this.#writesSinceSweep = 0;
    await this.#db.query("DELETE FROM kv WHERE expires_at <= now()");
  }
}
