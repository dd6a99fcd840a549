import { randomUUID } from "node:crypto";
import type { DatabaseSync } from "node:sqlite";
import type { PostgresDatabase } from "./postgres-database";
import { withoutNul } from "./without-nul";

// Residents' Web Push subscriptions (RFC 8030 endpoints with their RFC 8291 keys).

export interface PushSubscriptionRecord {
  id: string;
  endpoint: string;
  /** The browser's P-256 public key, base64url (65 bytes uncompressed). */
  p256dh: string;
  /** The browser's 16-byte auth secret, base64url. */
  auth: string;
  /** The resident's language (BCP 47), when the page said. */
  language: string | null;
  createdAt: string;
}

export type PushSubscriptionInput = Pick<PushSubscriptionRecord, "endpoint" | "p256dh" | "auth" | "language">;

export interface PushStore {
  /** Adds a subscription, or replaces the keys of the one with that endpoint. */
  putSubscription(input: PushSubscriptionInput): Promise<PushSubscriptionRecord>;
  getSubscription(id: string): Promise<PushSubscriptionRecord | null>;
  /** In id order, `limit` at most, after the id `after` (a page; all when no limit is given). */
  listSubscriptions(page?: { after?: string; limit?: number }): Promise<PushSubscriptionRecord[]>;
  countSubscriptions(): Promise<number>;
  /** Removes by endpoint; false when there was none. */
  deleteSubscription(endpoint: string): Promise<boolean>;
}

interface Row {
  id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  language: string | null;
  created_at: string;
}

const toRecord = (row: Row): PushSubscriptionRecord => ({ id: row.id, endpoint: row.endpoint, p256dh: row.p256dh, auth: row.auth, language: row.language, createdAt: row.created_at });

export class SqlitePush implements PushStore {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  async putSubscription(input: PushSubscriptionInput): Promise<PushSubscriptionRecord> {
    this.#db
      .prepare(`INSERT INTO push_subscriptions (id, endpoint, p256dh, auth, language, created_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (endpoint) DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth, language = excluded.language`)
      .run(randomUUID(), withoutNul(input.endpoint), input.p256dh, input.auth, input.language, new Date().toISOString());
    return toRecord(this.#db.prepare("SELECT * FROM push_subscriptions WHERE endpoint = ?").get(withoutNul(input.endpoint)) as never);
  }

  async getSubscription(id: string): Promise<PushSubscriptionRecord | null> {
    const row = this.#db.prepare("SELECT * FROM push_subscriptions WHERE id = ?").get(id) as never;
    return row ? toRecord(row) : null;
  }

  async listSubscriptions({ after = "", limit = -1 }: { after?: string; limit?: number } = {}): Promise<PushSubscriptionRecord[]> {
    return (this.#db.prepare("SELECT * FROM push_subscriptions WHERE id > ? ORDER BY id LIMIT ?").all(after, limit) as never[]).map(toRecord);
  }

  async countSubscriptions(): Promise<number> {
    return Number((this.#db.prepare("SELECT COUNT(*) AS count FROM push_subscriptions").get() as { count: number }).count);
  }

  async deleteSubscription(endpoint: string): Promise<boolean> {
    return this.#db.prepare("DELETE FROM push_subscriptions WHERE endpoint = ?").run(endpoint).changes > 0;
  }
}

export class PostgresPush implements PushStore {
  readonly #db: PostgresDatabase;

  constructor(db: PostgresDatabase) {
    this.#db = db;
  }

  async putSubscription(input: PushSubscriptionInput): Promise<PushSubscriptionRecord> {
    const [row] = await this.#db.query<Row>(
      `INSERT INTO push_subscriptions (id, endpoint, p256dh, auth, language, created_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (endpoint) DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth, language = excluded.language RETURNING *`,
      [randomUUID(), withoutNul(input.endpoint), input.p256dh, input.auth, input.language, new Date().toISOString()],
    );
    return toRecord(row!);
  }

  async getSubscription(id: string): Promise<PushSubscriptionRecord | null> {
    const [row] = await this.#db.query<Row>("SELECT * FROM push_subscriptions WHERE id = $1", [id]);
    return row ? toRecord(row) : null;
  }

  async listSubscriptions({ after = "", limit }: { after?: string; limit?: number } = {}): Promise<PushSubscriptionRecord[]> {
    return (await this.#db.query<Row>("SELECT * FROM push_subscriptions WHERE id > $1 ORDER BY id LIMIT $2", [after, limit ?? null])).map(toRecord);
  }

  async countSubscriptions(): Promise<number> {
    const [row] = await this.#db.query<{ count: string }>("SELECT COUNT(*) AS count FROM push_subscriptions");
    return Number(row!.count);
  }

  async deleteSubscription(endpoint: string): Promise<boolean> {
    return (await this.#db.query("DELETE FROM push_subscriptions WHERE endpoint = $1 RETURNING id", [endpoint])).length > 0;
  }
}
