import { EventEmitter } from "node:events";
import type {
  MessageQueue,
  MessageQueueDepth,
  MessageQueueEnqueueOptions,
  MessageQueueListenOptions,
} from "@fedify/fedify";
import { getLogger } from "@logtape/logtape";
import { runDrainLoop } from "./drain-loop";
import type { PostgresDatabase } from "../store/postgres-database";

const logger = getLogger(["crier", "queue"]);
const CHANNEL = "crier_queue";

interface QueueTimings {
  /** How long a worker owns a message before another may take it over (a crashed worker's lease runs out). */
  leaseMs: number;
  /** How often an idle worker looks for due messages without being woken. */
  pollMs: number;
}

// A short lease (renewed every third of it while a task runs) lets another instance take over
// a dead instance's task soon; a task that stalls the event loop longer may run twice (idempotent).
const DEFAULT_TIMINGS: QueueTimings = { leaseMs: 30_000, pollMs: 2_000 };

/**
 * A durable Fedify message queue on PostgreSQL, with the SQLite queue's semantics
 * (lease, handle, then delete: at-least-once). Workers in any number of instances
 * lease with `FOR UPDATE SKIP LOCKED`, so each message goes to one of them; an
 * enqueue wakes them all through NOTIFY. A message with an ordering key waits until
 * every earlier message with that key is done.
 */
export class PostgresMessageQueue implements MessageQueue {
  readonly nativeRetrial = false;
  readonly #db: PostgresDatabase;
  readonly #timings: QueueTimings;
  readonly #wakeups = new EventEmitter();
  #isListening = false;

  constructor(db: PostgresDatabase, timings: Partial<QueueTimings> = {}) {
    this.#db = db;
    this.#timings = { ...DEFAULT_TIMINGS, ...timings };
    this.#wakeups.setMaxListeners(0);
  }

  async enqueue(message: unknown, options?: MessageQueueEnqueueOptions): Promise<void> {
    await this.enqueueMany([message], options);
  }

  async enqueueMany(messages: readonly unknown[], options?: MessageQueueEnqueueOptions): Promise<void> {
    if (messages.length === 0) return;
    const delayMs = options?.delay ? Math.max(0, options.delay.total({ unit: "millisecond" })) : 0;
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

  /** Takes the next due message nobody holds, whose ordering key has no earlier message left. */
  async #lease(): Promise<{ id: string; message: unknown } | undefined> {
    const [row] = await this.#db.query<{ id: string; message: string }>(
      `UPDATE queue SET leased_until = now() + $1::float8 * interval '1 millisecond', attempts = attempts + 1
       WHERE id = (
         SELECT id FROM queue q
         WHERE scheduled_at <= now() AND (leased_until IS NULL OR leased_until < now())
           AND (ordering_key IS NULL OR NOT EXISTS (
             SELECT 1 FROM queue o WHERE o.ordering_key = q.ordering_key AND o.id < q.id))
         ORDER BY scheduled_at, id LIMIT 1
         FOR UPDATE SKIP LOCKED)
       RETURNING id, message`,
      [this.#timings.leaseMs],
    );
    return row && { id: row.id, message: JSON.parse(row.message) };
  }

  async listen(handler: (message: unknown) => Promise<void> | void, options?: MessageQueueListenOptions): Promise<void> {
    await this.#listenForOtherInstances();
    await runDrainLoop({
      takeNext: () => this.#lease(),
      handle: (leased) => this.#handle(leased, handler),
      wakeups: this.#wakeups,
      pollMs: this.#timings.pollMs,
      signal: options?.signal,
      onError: (error) => logger.warn("Could not take work from the PostgreSQL queue: {error}", { error }),
    });
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

  async #handle(leased: { id: string; message: unknown }, handler: (message: unknown) => Promise<void> | void) {
    const heartbeat = setInterval(() => {
      this.#db
        .query("UPDATE queue SET leased_until = now() + $1::float8 * interval '1 millisecond' WHERE id = $2", [this.#timings.leaseMs, leased.id])
        .catch((error) => logger.warn("Could not extend the lease of queued task {id}: {error}", { id: leased.id, error }));
    }, this.#timings.leaseMs / 3);
    try {
      await handler(leased.message);
    } catch (error) {
      // Fedify retries failed tasks itself by enqueueing them again; a throw here is a bug, not a retry.
      logger.error("Queued task {id} failed and is dropped: {error}", { id: leased.id, error });
    } finally {
      clearInterval(heartbeat);
      await this.#db.query("DELETE FROM queue WHERE id = $1", [leased.id]).catch((error) =>
        logger.warn("Could not remove finished task {id}; it runs again when its lease ends: {error}", { id: leased.id, error }));
    }
  }
}
