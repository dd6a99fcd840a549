import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MessageQueue } from "@fedify/fedify";
import { testMessageQueue } from "@fedify/testing";
import { Temporal } from "@js-temporal/polyfill";
import { configure, reset, type LogRecord } from "@logtape/logtape";
import type { QueueTimings } from "../../../lib/queue/queue-timings";
import type { WorkerLoopControl } from "../../../lib/queue/worker-loops";
import { startWorkerProcess } from "./helpers/worker-process";

export type ContractQueue = MessageQueue & WorkerLoopControl & Required<Pick<MessageQueue, "getDepth" | "enqueueMany">>;

/** One fresh database of a backend, and ways to reach it. */
export interface QueueBackend {
  /** A new queue object on this database, as another instance would have (its own connection). */
  openQueue(timings?: Partial<QueueTimings>): Promise<ContractQueue>;
  /** How tests/unit/queue/helpers/queue-worker.ts opens this database: backend name and location. */
  childArgs: [backend: string, location: string];
  /** Runs SQL on a connection of the test's own, as an operator would. */
  exec(sql: string): Promise<void>;
  /** The queue's table. */
  table: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const FAST = { pollMs: 100, backoffMs: [50, 400] as const };

async function waitUntil(test: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/**
 * The behaviour both of Crier's queues must have (Fedify's own checks, then what Crier
 * adds: leases, a real kill, errors taking work, stopping, wake-ups across instances).
 * Each backend's test file calls this with a factory for a fresh database.
 */
export function describeMessageQueueContract(name: string, createBackend: () => Promise<QueueBackend>) {
  describe(`${name} message queue contract`, () => {
    const logged: LogRecord[] = [];
    beforeAll(async () => {
      await configure({ reset: true, sinks: { memory: (record) => void logged.push(record) }, loggers: [{ category: ["crier", "queue"], sinks: ["memory"], lowestLevel: "warning" }, { category: ["logtape", "meta"], lowestLevel: "error", sinks: [] }] });
    });
    afterAll(async () => {
      await reset();
    });

    it("passes Fedify's own message queue checks (@fedify/testing), ordering keys included", async () => {
      const backend = await createBackend();
      await testMessageQueue(() => backend.openQueue(), async ({ mq1, mq2, controller }) => {
        controller.abort();
        await Promise.all([(mq1 as ContractQueue).stop(), (mq2 as ContractQueue).stop()]);
      }, { testOrderingKey: true });
    }, 90_000);

    it("handles messages with one ordering key one at a time, in order, across two instances", async () => {
      const backend = await createBackend();
      const [first, second] = [await backend.openQueue(FAST), await backend.openQueue(FAST)];
      const order: Record<string, number[]> = { a: [], b: [] };
      const inFlight: Record<string, number> = { a: 0, b: 0 };
      let mostInFlight = 0;
      const handler = async (message: unknown) => {
        const { key, n } = message as { key: "a" | "b"; n: number };
        mostInFlight = Math.max(mostInFlight, ++inFlight[key]!);
        order[key]!.push(n);
        await sleep(15);
        inFlight[key]!--;
      };
      const controller = new AbortController();
      const listening = [first.listen(handler, { signal: controller.signal }), second.listen(handler, { signal: controller.signal })];
      for (let n = 0; n < 8; n++) {
        await first.enqueue({ key: "a", n }, { orderingKey: "a" });
        await second.enqueue({ key: "b", n }, { orderingKey: "b" });
      }
      await waitUntil(() => order.a!.length + order.b!.length >= 16, 15_000, "16 messages");
      controller.abort();
      await Promise.all(listening);
      expect(order).toEqual({ a: [0, 1, 2, 3, 4, 5, 6, 7], b: [0, 1, 2, 3, 4, 5, 6, 7] });
      expect(mostInFlight).toBe(1);
    }, 30_000);

    it("treats a delayed message as enqueued when its delay ends: it does not hold back its key meanwhile", async () => {
      const backend = await createBackend();
      const queue = await backend.openQueue(FAST);
      const received: number[] = [];
      const controller = new AbortController();
      const listening = queue.listen((message) => void received.push((message as { n: number }).n), { signal: controller.signal });
      await queue.enqueue({ n: 1 }, { orderingKey: "a", delay: Temporal.Duration.from({ milliseconds: 1_500 }) });
      await queue.enqueue({ n: 2 }, { orderingKey: "a" });
      await waitUntil(() => received.length === 1, 1_000, "the message that is due");
      expect(received).toEqual([2]);
      await waitUntil(() => received.length === 2, 5_000, "the delayed message");
      expect(received).toEqual([2, 1]);
      controller.abort();
      await listening;
    });

    it("renews the lease of a task that runs long, and hands a killed worker's task to another when its lease ends", async () => {
      const backend = await createBackend();
      // Lease 2 s, task 5 s: only renewing the lease keeps the survivor from taking it meanwhile.
      const survivor = await backend.openQueue({ ...FAST, leaseMs: 2_000 });
      const received: number[] = [];
      const listenWith = (signal: AbortSignal) => survivor.listen((message) => void received.push((message as { n: number }).n), { signal });
      const slow = await startWorkerProcess([...backend.childArgs, "2000", "slow:5000"]);
      await survivor.enqueue({ n: 1 });
      await slow.until(() => slow.started.includes(1));
      const watching = new AbortController();
      const watched = listenWith(watching.signal);
      await slow.until(() => slow.handled.includes(1));
      // Handled, then deleted: killed between the two, the task would rightly run again (at least once).
      await waitUntil(async () => (await survivor.getDepth()).queued === 0, 10_000, "the slow worker deleting its handled task");
      watching.abort();
      await watched;
      await slow.kill();
      expect(received).toEqual([]);

      const doomed = await startWorkerProcess([...backend.childArgs, "2000", "hang:2"]);
      await survivor.enqueue({ n: 2 });
      await doomed.until(() => doomed.started.includes(2));
      await doomed.kill();
      const killedAt = Date.now();
      const controller = new AbortController();
      const listening = listenWith(controller.signal);
      await waitUntil(() => received.includes(2), 10_000, "the killed worker's task");
      console.log(`${name}: task taken over ${Date.now() - killedAt} ms after its worker was killed (lease 2 s)`);
      expect(received).toEqual([2]);
      controller.abort();
      await listening;
      expect((await survivor.getDepth()).queued).toBe(0);
    }, 30_000);

    it("loses nothing when its worker process is killed mid-task: after a restart every message is handled", async () => {
      const backend = await createBackend();
      const producer = await backend.openQueue(FAST);
      await producer.enqueueMany([0, 1, 2, 3, 4].map((n) => ({ n })));
      const first = await startWorkerProcess([...backend.childArgs, "600", "hang:2"]);
      await first.until(() => first.started.includes(2));
      await first.kill();
      expect(first.handled).toEqual([0, 1]);
      const restarted = await startWorkerProcess([...backend.childArgs, "600", "normal"]);
      await restarted.until(() => restarted.handled.length >= 3);
      await sleep(300);
      await restarted.kill();
      // Handled before the kill stays handled; the one in hand and the rest are handled after it.
      expect(restarted.handled.sort()).toEqual([2, 3, 4]);
      expect((await producer.getDepth()).queued).toBe(0);
    }, 30_000);

    it("keeps going when taking work fails: it logs, backs off, and works again once the database does", async () => {
      const backend = await createBackend();
      const queue = await backend.openQueue(FAST);
      const received: number[] = [];
      const controller = new AbortController();
      const listening = queue.listen((message) => void received.push((message as { n: number }).n), { signal: controller.signal });
      await queue.enqueue({ n: 1 });
      await waitUntil(() => received.length === 1, 5_000, "the first message");
      logged.length = 0;
      // An operator (or a broken migration) takes the table away: every lease fails.
      await backend.exec(`ALTER TABLE ${backend.table} RENAME TO ${backend.table}_away`);
      const brokenAt = Date.now();
      await waitUntil(() => (queue.getWorkers()[0]?.failures ?? 0) >= 3, 5_000, "three failed attempts");
      const [failing] = queue.getWorkers();
      expect(failing).toMatchObject({ state: "failing", isAlive: true });
      expect(failing!.lastError).toBeTruthy();
      expect(logged.filter((record) => record.level === "error").length).toBeGreaterThanOrEqual(3);
      await sleep(1_000);
      // Backing off: with 50 ms doubling to 400 ms, far fewer attempts than a tight loop's thousands.
      const attempts = queue.getWorkers()[0]!.failures;
      expect(attempts).toBeLessThan(((Date.now() - brokenAt) / 50) + 2);
      await backend.exec(`ALTER TABLE ${backend.table}_away RENAME TO ${backend.table}`);
      await queue.enqueue({ n: 2 });
      await waitUntil(() => received.includes(2), 5_000, "work after the database came back");
      expect(queue.getWorkers()[0]).toMatchObject({ state: "running", isAlive: true, failures: 0 });
      console.log(`${name}: ${attempts} failed attempts to take work in ${Date.now() - brokenAt} ms of breakage, then it recovered`);
      controller.abort();
      await listening;
      expect(queue.getWorkers()).toEqual([]);
    }, 30_000);

    it("stop(): takes no new work, lets the task in hand finish, and releases one that outlasts the grace period", async () => {
      const backend = await createBackend();
      const queue = await backend.openQueue(FAST);
      const finished: number[] = [];
      let isHolding = false;
      const listening = queue.listen(async (message) => {
        const { n } = message as { n: number };
        isHolding = true;
        await sleep(n === 1 ? 200 : 60_000);
        finished.push(n);
      });
      await queue.enqueue({ n: 1 });
      await waitUntil(() => isHolding, 5_000, "the first task");
      await queue.enqueue({ n: 2 });
      await queue.stop(2_000);
      await listening;
      expect(finished).toEqual([1]);
      expect((await queue.getDepth()).queued).toBe(1); // n = 2 was never taken
      isHolding = false;
      const other = await backend.openQueue({ ...FAST, leaseMs: 60_000 });
      const second = other.listen(async (message) => {
        isHolding = (message as { n: number }).n === 2;
        await sleep(60_000);
      });
      await waitUntil(() => isHolding, 5_000, "the second task");
      await other.stop(100); // outlasts the grace period: released
      await second;
      const taker = await backend.openQueue(FAST);
      const received: unknown[] = [];
      const controller = new AbortController();
      const taking = taker.listen((message) => void received.push(message), { signal: controller.signal });
      // Released, not left to its 60 s lease: another worker has it at once.
      await waitUntil(() => received.length === 1, 3_000, "the released task");
      controller.abort();
      await taking;
    }, 30_000);

    it("wakes a listener on another queue object at once when a message is enqueued", async () => {
      const backend = await createBackend();
      const producer = await backend.openQueue({ pollMs: 60_000 });
      const consumer = await backend.openQueue({ pollMs: 60_000 });
      const receivedAt: number[] = [];
      const controller = new AbortController();
      const listening = consumer.listen(() => void receivedAt.push(Date.now()), { signal: controller.signal });
      await sleep(500);
      const sentAt = Date.now();
      await producer.enqueue({ n: 1 });
      // It polls once a minute here: only a wake-up can bring the message this soon.
      await waitUntil(() => receivedAt.length === 1, 2_000, "the wake-up");
      console.log(`${name}: queue wake-up across queue objects in ${receivedAt[0]! - sentAt} ms`);
      controller.abort();
      await listening;
    });
  });
}
