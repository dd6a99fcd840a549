import { EventEmitter } from "node:events";
import type { DatabaseSync } from "node:sqlite";
import type {
  MessageQueue,
  MessageQueueDepth,
  MessageQueueEnqueueOptions,
  MessageQueueListenOptions,
} from "@fedify/fedify";
import { getLogger } from "@logtape/logtape";
import { migrateSqlite } from "../store/sqlite-schema";
import { DEFAULT_QUEUE_TIMINGS, getDelayMs, type QueueTimings } from "./queue-timings";
import { WorkerLoops, type WorkerLoopControl } from "./worker-loops";

const logger = getLogger(["crier", "queue"]);

interface Leased { id: number; message: string }

/** How often a listening queue checks whether another connection wrote (see #noticeOtherWriters). */
const WATCH_MS = 100;
/** How long a statement of the queue waits for another process's write lock before failing. */
const BUSY_TIMEOUT_MS = 1_000;

// Ordering keys, as Fedify documents them: messages with one key are handled one at a time,
// in the order they fell due (a delayed message falls due when its delay ends, as if enqueued
// then). A keyed message waits while another with its key is leased, or fell due before it.
// The same rule as the PostgreSQL queue; the contract suite holds both to it.
const LEASE_NEXT_SQL = `UPDATE crier_queue SET leased_until = :until, attempts = attempts + 1
  WHERE id = (
    SELECT id FROM crier_queue q
    WHERE scheduled_at <= :now AND (leased_until IS NULL OR leased_until < :now)
      AND (ordering_key IS NULL OR NOT EXISTS (
        SELECT 1 FROM crier_queue o
        WHERE o.ordering_key = q.ordering_key AND o.id <> q.id
          AND (o.leased_until >= :now OR (o.scheduled_at <= :now AND (o.scheduled_at, o.id) < (q.scheduled_at, q.id)))))
    ORDER BY scheduled_at, id LIMIT 1)
  RETURNING id, message`;

/**
 * A durable Fedify message queue on SQLite with at-least-once delivery: a message
 * is leased, handled, and only then deleted, so a process killed mid-way (kill -9)
 * hands the message to the next start once the lease ends. `@fedify/sqlite`'s queue
 * deletes before it handles, which loses the message in that case. Handlers are
 * idempotent (keyed by object IRI), so running one twice is harmless.
 *
 * It keeps a connection of its own (from `connect`), so that when taking work fails
 * it can close it and open a fresh one, while the store's connection is left alone.
 */
export class SqliteMessageQueue implements MessageQueue, WorkerLoopControl {
  readonly nativeRetrial = false;
  readonly #connect: () => DatabaseSync;
  readonly #timings: QueueTimings;
  readonly #wakeups = new EventEmitter();
  readonly #loops = new WorkerLoops();
  /** Lease renewals of the tasks in hand, by message id (release stops one). */
  readonly #renewals = new Map<number, NodeJS.Timeout>();
  #db: DatabaseSync | undefined;
  #dataVersion: number | undefined;

  constructor(connect: () => DatabaseSync, timings: Partial<QueueTimings> = {}) {
    this.#connect = connect;
    this.#timings = { ...DEFAULT_QUEUE_TIMINGS, ...timings };
    this.#wakeups.setMaxListeners(0);
    this.#getDb();
  }

  /** The open connection, opened (and the schema brought up to date) when there is none. */
  #getDb(): DatabaseSync {
    if (!this.#db) {
      const db = this.#connect();
      try {
        // node:sqlite waits for a lock synchronously, stalling the whole process: the queue would
        // rather fail fast and back off. Its own process never holds a lock across a tick, so
        // only another process (an operator's sqlite3, a backup) can make it wait at all.
        db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
        migrateSqlite(db);
      } catch (error) {
        db.close();
        throw error;
      }
      this.#db = db;
    }
    return this.#db;
  }

  /** Drops the connection after an error; the next use opens a fresh one. */
  #reconnect() {
    const db = this.#db;
    this.#db = undefined;
    this.#dataVersion = undefined;
    try {
      db?.close();
    } catch {
      // Already closed, or broken: either way it is dropped.
    }
  }

  async enqueue(message: unknown, options?: MessageQueueEnqueueOptions): Promise<void> {
    await this.enqueueMany([message], options);
  }

  async enqueueMany(messages: readonly unknown[], options?: MessageQueueEnqueueOptions): Promise<void> {
    if (messages.length === 0) return;
    const now = Date.now();
    const delayMs = getDelayMs(options?.delay);
    const db = this.#getDb();
    const insert = db.prepare("INSERT INTO crier_queue (message, ordering_key, scheduled_at, created_at) VALUES (?, ?, ?, ?)");
    db.exec("BEGIN IMMEDIATE");
    try {
      for (const message of messages) insert.run(JSON.stringify(message), options?.orderingKey ?? null, now + delayMs, now);
      db.exec("COMMIT");
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
    this.#wakeups.emit("enqueue", delayMs);
  }

  async getDepth(): Promise<MessageQueueDepth> {
    const now = Date.now();
    const row = this.#getDb()
      .prepare(
        `SELECT COUNT(*) AS queued,
                SUM(CASE WHEN scheduled_at <= ? AND (leased_until IS NULL OR leased_until < ?) THEN 1 ELSE 0 END) AS ready,
                SUM(CASE WHEN scheduled_at > ? THEN 1 ELSE 0 END) AS delayed
         FROM crier_queue`,
      )
      .get(now, now, now) as { queued: number; ready: number | null; delayed: number | null };
    return { queued: row.queued, ready: row.ready ?? 0, delayed: row.delayed ?? 0 };
  }

  getWorkers() {
    return this.#loops.getWorkers();
  }

  stop(graceMs?: number): Promise<void> {
    return this.#loops.stop(graceMs);
  }

  /** Stops the loops and closes this queue's connection. */
  async close(): Promise<void> {
    await this.stop();
    this.#reconnect();
  }

  async listen(handler: (message: unknown) => Promise<void> | void, options?: MessageQueueListenOptions): Promise<void> {
    const watcher = setInterval(() => this.#noticeOtherWriters(), WATCH_MS);
    watcher.unref?.();
    try {
      await this.#listen(handler, options);
    } finally {
      clearInterval(watcher);
    }
  }

  /**
   * Another connection (another queue object, or another process) committed since the last
   * look: it may have enqueued, so the loops look now rather than at the next poll. SQLite
   * has no NOTIFY; `PRAGMA data_version` is its cheap "has anyone else written?".
   */
  #noticeOtherWriters() {
    try {
      const { data_version: version } = this.#getDb().prepare("PRAGMA data_version").get() as { data_version: number };
      if (this.#dataVersion !== undefined && version !== this.#dataVersion) this.#wakeups.emit("enqueue", 0);
      this.#dataVersion = version;
    } catch {
      // The loop itself reports a broken connection.
    }
  }

  async #listen(handler: (message: unknown) => Promise<void> | void, options?: MessageQueueListenOptions): Promise<void> {
    await this.#loops.run<Leased>({
      takeNext: () => {
        const now = Date.now();
        return this.#getDb().prepare(LEASE_NEXT_SQL).get({ until: now + this.#timings.leaseMs, now }) as Leased | undefined;
      },
      handle: (leased) => this.#handle(leased, handler),
      release: (leased) => {
        clearInterval(this.#renewals.get(leased.id));
        this.#run("UPDATE crier_queue SET leased_until = NULL WHERE id = ?", leased.id);
      },
      wakeups: this.#wakeups,
      pollMs: this.#timings.pollMs,
      backoffMs: this.#timings.backoffMs,
      onError: (error, failures) => {
        logger.error("Could not take work from the SQLite queue (attempt {failures}); reopening its connection and trying again: {error}", { failures, error });
        this.#reconnect();
      },
    }, options?.signal);
  }

  /** Runs one statement, logging instead of throwing: the lease running out is the fallback. */
  #run(sql: string, ...values: (number | null)[]) {
    try {
      this.#getDb().prepare(sql).run(...values);
    } catch (error) {
      logger.warn("Queue bookkeeping failed ({sql}); the task's lease running out hands it on instead: {error}", { sql, error });
    }
  }

  async #handle(leased: Leased, handler: (message: unknown) => Promise<void> | void) {
    const renewal = setInterval(
      () => this.#run("UPDATE crier_queue SET leased_until = ? WHERE id = ?", Date.now() + this.#timings.leaseMs, leased.id),
      this.#timings.leaseMs / 3,
    );
    this.#renewals.set(leased.id, renewal);
    try {
      await handler(JSON.parse(leased.message));
    } catch (error) {
      // Fedify retries failed tasks itself by enqueueing them again; a throw here is a bug, not a retry.
      logger.error("Queued task {id} failed and is dropped: {error}", { id: leased.id, error });
    } finally {
      clearInterval(renewal);
      this.#renewals.delete(leased.id);
      this.#run("DELETE FROM crier_queue WHERE id = ?", leased.id);
    }
  }
}
