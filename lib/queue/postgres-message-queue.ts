import { EventEmitter } from "node:events";
import type {
  MessageQueue,
  MessageQueueDepth,
  MessageQueueEnqueueOptions,
  MessageQueueListenOptions,
} from "@fedify/fedify";
import { getLogger } from "@logtape/logtape";
import type { PostgresDatabase } from "../store/postgres-database";
import { DEFAULT_QUEUE_TIMINGS, getDelayMs, type QueueTimings } from "./queue-timings";
import { WorkerLoops, type WorkerLoopControl } from "./worker-loops";

const logger = getLogger(["crier", "queue"]);
const CHANNEL = "crier_queue";

interface Leased { id: string; message: unknown }

// Ordering keys, as Fedify documents them and as the SQLite queue does (see there): one at a
// time per key, in the order they fell due. Rows leave only when handled, so a worker that
// skips a row another is locking still sees it and waits: no two workers take one key.
const LEASE_NEXT_SQL = `UPDATE queue SET leased_until = now() + $1::float8 * interval '1 millisecond', attempts = attempts + 1
  WHERE id = (
    SELECT id FROM queue q
    WHERE scheduled_at <= now() AND (leased_until IS NULL OR leased_until < now())
      AND (ordering_key IS NULL OR NOT EXISTS (
        SELECT 1 FROM queue o
        WHERE o.ordering_key = q.ordering_key AND o.id <> q.id
          AND (o.leased_until >= now() OR (o.scheduled_at <= now() AND (o.scheduled_at, o.id) < (q.scheduled_at, q.id)))))
    ORDER BY scheduled_at, id LIMIT 1
    FOR UPDATE SKIP LOCKED)
  RETURNING id, message`;

/**
 * A durable Fedify message queue on PostgreSQL, with the SQLite queue's semantics
 * (lease, handle, then delete: at-least-once). Workers in any number of instances
 * lease with `FOR UPDATE SKIP LOCKED`, so each message goes to one of them; an
 * enqueue wakes them all through NOTIFY.
 */
export class PostgresMessageQueue implements MessageQueue, WorkerLoopControl {
  readonly nativeRetrial = false;
  readonly #db: PostgresDatabase;
  readonly #timings: QueueTimings;
  readonly #wakeups = new EventEmitter();
  readonly #loops = new WorkerLoops();
  /** Lease renewals of the tasks in hand, by message id (release stops one). */
  readonly #renewals = new Map<string, NodeJS.Timeout>();
  #isListening = false;

  constructor(db: PostgresDatabase, timings: Partial<QueueTimings> = {}) {
    this.#db = db;
    this.#timings = { ...DEFAULT_QUEUE_TIMINGS, ...timings };
    this.#wakeups.setMaxListeners(0);
  }

  async enqueue(message: unknown, options?: MessageQueueEnqueueOptions): Promise<void> {
    await this.enqueueMany([message], options);
  }

  async enqueueMany(messages: readonly unknown[], options?: MessageQueueEnqueueOptions): Promise<void> {
    if (messages.length === 0) return;
    const delayMs = getDelayMs(options?.delay);
    await this.#db.query(
      `WITH inserted AS (
         INSERT INTO queue (message, ordering_key, scheduled_at)
         SELECT message, $2, now() + $3::float8 * interval '1 millisecond'
         FROM unnest($1::text[]) WITH ORDINALITY AS m (message, n) ORDER BY n
         RETURNING id)
       SELECT pg_notify('${CHANNEL}', $3::text) FROM (SELECT 1 FROM inserted LIMIT 1) AS any_row`,
      [messages.map((message) => JSON.stringify(message)), options?.orderingKey ?? null, delayMs],
    );
    this.#wakeups.emit("enqueue", delayMs);
  }

  async getDepth(): Promise<MessageQueueDepth> {
    const [row] = await this.#db.query<{ queued: number; ready: number; delayed: number }>(
      `SELECT COUNT(*)::int AS queued,
              COUNT(*) FILTER (WHERE scheduled_at <= now() AND (leased_until IS NULL OR leased_until < now()))::int AS ready,
              COUNT(*) FILTER (WHERE scheduled_at > now())::int AS delayed
       FROM queue`,
    );
    return row!;
  }

  getWorkers() {
    return this.#loops.getWorkers();
  }

  stop(graceMs?: number): Promise<void> {
    return this.#loops.stop(graceMs);
  }

  /** Stops the loops; the connections belong to the PostgresDatabase, which its owner closes. */
  close(): Promise<void> {
    return this.stop();
  }

  async listen(handler: (message: unknown) => Promise<void> | void, options?: MessageQueueListenOptions): Promise<void> {
    await this.#listenForOtherInstances();
    await this.#loops.run<Leased>({
      takeNext: async () => {
        const [row] = await this.#db.query<{ id: string; message: string }>(LEASE_NEXT_SQL, [this.#timings.leaseMs]);
        return row && { id: row.id, message: JSON.parse(row.message) };
      },
      handle: (leased) => this.#handle(leased, handler),
      release: (leased) => {
        clearInterval(this.#renewals.get(leased.id));
        return this.#bookkeep("UPDATE queue SET leased_until = NULL WHERE id = $1", [leased.id]);
      },
      wakeups: this.#wakeups,
      pollMs: this.#timings.pollMs,
      backoffMs: this.#timings.backoffMs,
      // The pool replaces broken connections itself; the loop only has to wait and try again.
      onError: (error, failures) => logger.error("Could not take work from the PostgreSQL queue (attempt {failures}); trying again: {error}", { failures, error }),
    }, options?.signal);
  }

  /** Runs one statement, logging instead of throwing: the lease running out is the fallback. */
  async #bookkeep(sql: string, values: unknown[]) {
    await this.#db.query(sql, values).catch((error) =>
      logger.warn("Queue bookkeeping failed ({sql}); the task's lease running out hands it on instead: {error}", { sql, error }));
  }

  /** Enqueues made by other instances (or other queue objects) wake this one's workers. */
  async #listenForOtherInstances() {
    if (this.#isListening) return;
    this.#isListening = true;
    try {
      await this.#db.notifications.listen(
        CHANNEL,
        (payload) => this.#wakeups.emit("enqueue", Number(payload) || 0),
        () => this.#wakeups.emit("enqueue", 0),
      );
    } catch (error) {
      this.#isListening = false;
      logger.warn("Cannot LISTEN for queue wake-ups; polling every {pollMs} ms instead: {error}", { pollMs: this.#timings.pollMs, error });
    }
  }

  async #handle(leased: Leased, handler: (message: unknown) => Promise<void> | void) {
    const renewal = setInterval(
      () => void this.#bookkeep("UPDATE queue SET leased_until = now() + $1::float8 * interval '1 millisecond' WHERE id = $2", [this.#timings.leaseMs, leased.id]),
      this.#timings.leaseMs / 3,
    );
    this.#renewals.set(leased.id, renewal);
    try {
      await handler(leased.message);
    } catch (error) {
      // Fedify retries failed tasks itself by enqueueing them again; a throw here is a bug, not a retry.
      logger.error("Queued task {id} failed and is dropped: {error}", { id: leased.id, error });
    } finally {
      clearInterval(renewal);
      this.#renewals.delete(leased.id);
      await this.#bookkeep("DELETE FROM queue WHERE id = $1", [leased.id]);
    }
  }
}
