import { EventEmitter } from "node:events";
import type { DatabaseSync } from "node:sqlite";
import type {
  MessageQueue,
  MessageQueueDepth,
  MessageQueueEnqueueOptions,
  MessageQueueListenOptions,
} from "@fedify/fedify";
import { getLogger } from "@logtape/logtape";
import { runDrainLoop } from "./drain-loop";

const logger = getLogger(["crier", "queue"]);

/** How long a worker owns a message before another may take it over (a crashed worker's lease runs out). */
const LEASE_MS = 120_000;
const POLL_MS = 2_000;

/**
 * A durable Fedify message queue on SQLite with at-least-once delivery: a message
 * is leased, handled, and only then deleted, so a process killed mid-way (kill -9)
 * hands the message to the next start. `@fedify/sqlite`'s queue deletes before it
 * handles, which loses the message in that case. Handlers are idempotent (keyed
 * by object IRI), so running one twice is harmless.
 */
export class SqliteMessageQueue implements MessageQueue {
  readonly nativeRetrial = false;
  readonly #db: DatabaseSync;
  readonly #wakeups = new EventEmitter();

  constructor(db: DatabaseSync) {
    this.#db = db;
    db.exec(`CREATE TABLE IF NOT EXISTS crier_queue (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      message TEXT NOT NULL,
      ordering_key TEXT,
      scheduled_at INTEGER NOT NULL,
      leased_until INTEGER,
      attempts INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS crier_queue_scheduled ON crier_queue (scheduled_at);`);
  }

  async enqueue(message: unknown, options?: MessageQueueEnqueueOptions): Promise<void> {
    await this.enqueueMany([message], options);
  }

  async enqueueMany(messages: readonly unknown[], options?: MessageQueueEnqueueOptions): Promise<void> {
    const now = Date.now();
    const delayMs = options?.delay ? Math.max(0, options.delay.total({ unit: "millisecond" })) : 0;
    const insert = this.#db.prepare(
      "INSERT INTO crier_queue (message, ordering_key, scheduled_at, created_at) VALUES (?, ?, ?, ?)",
    );
    this.#db.exec("BEGIN IMMEDIATE");
    try {
      for (const message of messages) {
        insert.run(JSON.stringify(message), options?.orderingKey ?? null, now + delayMs, now);
      }
      this.#db.exec("COMMIT");
    } catch (error) {
      this.#db.exec("ROLLBACK");
      throw error;
    }
    this.#wakeups.emit("enqueue", delayMs);
  }

  async getDepth(): Promise<MessageQueueDepth> {
    const now = Date.now();
    const row = this.#db
      .prepare(
        `SELECT COUNT(*) AS queued,
                SUM(CASE WHEN scheduled_at <= ? AND (leased_until IS NULL OR leased_until < ?) THEN 1 ELSE 0 END) AS ready,
                SUM(CASE WHEN scheduled_at > ? THEN 1 ELSE 0 END) AS delayed
         FROM crier_queue`,
      )
      .get(now, now, now) as { queued: number; ready: number | null; delayed: number | null };
    return { queued: row.queued, ready: row.ready ?? 0, delayed: row.delayed ?? 0 };
  }

  /** Takes the next due message, skipping ordering keys another worker holds. */
  #lease(): { id: number; message: string } | undefined {
    const now = Date.now();
    return this.#db
      .prepare(
        `UPDATE crier_queue SET leased_until = ?, attempts = attempts + 1
         WHERE id = (
           SELECT id FROM crier_queue q
           WHERE scheduled_at <= ? AND (leased_until IS NULL OR leased_until < ?)
             AND (ordering_key IS NULL OR NOT EXISTS (
               SELECT 1 FROM crier_queue o
               WHERE o.ordering_key = q.ordering_key AND o.leased_until >= ? AND o.id <> q.id))
           ORDER BY scheduled_at, id LIMIT 1)
         RETURNING id, message`,
      )
      .get(now + LEASE_MS, now, now, now) as { id: number; message: string } | undefined;
  }

  async listen(
    handler: (message: unknown) => Promise<void> | void,
    options?: MessageQueueListenOptions,
  ): Promise<void> {
    await runDrainLoop({
      takeNext: () => this.#lease(),
      handle: (leased) => this.#handle(leased, handler),
      wakeups: this.#wakeups,
      pollMs: POLL_MS,
      signal: options?.signal,
    });
  }

  async #handle(leased: { id: number; message: string }, handler: (message: unknown) => Promise<void> | void) {
    const heartbeat = setInterval(() => {
      this.#db.prepare("UPDATE crier_queue SET leased_until = ? WHERE id = ?").run(Date.now() + LEASE_MS, leased.id);
    }, LEASE_MS / 3);
    try {
      await handler(JSON.parse(leased.message));
    } catch (error) {
      // Fedify retries failed tasks itself by enqueueing them again; a throw here is a bug, not a retry.
      logger.error("Queued task {id} failed and is dropped: {error}", { id: leased.id, error });
    } finally {
      clearInterval(heartbeat);
      this.#db.prepare("DELETE FROM crier_queue WHERE id = ?").run(leased.id);
    }
  }
}
