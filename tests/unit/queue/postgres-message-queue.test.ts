import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Temporal } from "@js-temporal/polyfill";
import { PostgresDatabase } from "../../../lib/store/postgres-database";
import { PostgresMessageQueue } from "../../../lib/queue/postgres-message-queue";
import type { QueueTimings } from "../../../lib/queue/queue-timings";
import { startTestPostgres, whyNoPostgres, type TestPostgres } from "../../setup/postgres";
import { describeMessageQueueContract } from "./message-queue-contract";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const skipReason = whyNoPostgres();
if (skipReason) console.warn(`Skipping the PostgreSQL queue tests: ${skipReason}.`);

// Each queue object below has its own connection pool and LISTEN connection, as separate instances would.
describe.skipIf(skipReason !== null)("PostgreSQL", () => {
  let server: TestPostgres;
  const opened: PostgresDatabase[] = [];
  const openInstance = (url: string) => {
    const db = new PostgresDatabase(url);
    opened.push(db);
    return db;
  };

  beforeAll(async () => {
    server = await startTestPostgres();
  });
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.close().catch(() => {})));
    await server?.stop();
  });

  describeMessageQueueContract("PostgreSQL", async () => {
    const url = await server.createDatabase();
    const admin = openInstance(url);
    await admin.ready;
    return {
      openQueue: async (timings?: Partial<QueueTimings>) => new PostgresMessageQueue(openInstance(url), timings),
      childArgs: ["postgres", url],
      exec: async (sql: string) => void (await admin.query(sql)),
      table: "queue",
    };
  });

  it("delivers in order, delayed messages after their delay, and keeps NUL characters", async () => {
    const url = await server.createDatabase();
    const producer = new PostgresMessageQueue(openInstance(url), { pollMs: 60_000 });
    const consumer = new PostgresMessageQueue(openInstance(url), { pollMs: 60_000 });
    const received: { n: number; text?: string; at: number }[] = [];
    const controller = new AbortController();
    const listening = consumer.listen((message) => void received.push({ ...(message as { n: number }), at: Date.now() }), { signal: controller.signal });
    await sleep(300);
    const sentAt = Date.now();
    await producer.enqueue({ n: 1 });
    await producer.enqueue({ n: 3 }, { delay: Temporal.Duration.from({ milliseconds: 500 }) });
    await producer.enqueue({ n: 2, text: "remote\u0000text" });
    await sleep(300);
    expect(received.map((item) => item.n)).toEqual([1, 2]);
    expect(received[1]!.text).toBe("remote\u0000text"); // JSONB would refuse it
    await sleep(900);
    expect(received.map((item) => item.n)).toEqual([1, 2, 3]);
    expect(received[2]!.at - sentAt).toBeGreaterThanOrEqual(500);
    controller.abort();
    await listening;
    expect((await producer.getDepth()).queued).toBe(0);
  });

  it("shares 600 messages among three consumers with none lost and none handled twice", async () => {
    const url = await server.createDatabase();
    const producer = new PostgresMessageQueue(openInstance(url));
    const seen = new Map<number, number>();
    const perConsumer = [0, 0, 0];
    const controller = new AbortController();
    const consumers = perConsumer.map((_, index) =>
      new PostgresMessageQueue(openInstance(url)).listen(async (message) => {
        const { n } = message as { n: number };
        seen.set(n, (seen.get(n) ?? 0) + 1);
        perConsumer[index]!++;
        await sleep(1);
      }, { signal: controller.signal }));
    await Promise.all(Array.from({ length: 300 }, (_, n) => producer.enqueue({ n })));
    await producer.enqueueMany(Array.from({ length: 300 }, (_, n) => ({ n: 300 + n })));
    const deadline = Date.now() + 20_000;
    while (seen.size < 600 && Date.now() < deadline) await sleep(50);
    await sleep(300);
    controller.abort();
    await Promise.all(consumers);
    expect(seen.size).toBe(600);
    expect([...seen.values()].filter((count) => count > 1)).toEqual([]);
    expect(perConsumer.filter((count) => count > 0).length).toBeGreaterThan(1);
    console.log(`messages handled per consumer: ${perConsumer.join(", ")}`);
    expect((await producer.getDepth()).queued).toBe(0);
  }, 30_000);
});
