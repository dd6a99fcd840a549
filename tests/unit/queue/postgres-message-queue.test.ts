import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Temporal } from "@js-temporal/polyfill";
import { testMessageQueue } from "@fedify/testing";
import { PostgresDatabase } from "../../../lib/store/postgres-database";
import { PostgresMessageQueue } from "../../../lib/queue/postgres-message-queue";
import { startTestPostgres, whyNoPostgres, type TestPostgres } from "../../setup/postgres";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const skipReason = whyNoPostgres();
if (skipReason) console.warn(`Skipping the PostgreSQL queue tests: ${skipReason}.`);

// Each "instance" below has its own connection pool and LISTEN connection, as separate processes would.
describe.skipIf(skipReason !== null)("PostgresMessageQueue", () => {
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

  it("passes Fedify's own message queue checks (@fedify/testing), ordering keys included", async () => {
    const url = await server.createDatabase();
    await testMessageQueue(() => new PostgresMessageQueue(openInstance(url)), ({ controller }) => controller.abort(), { testOrderingKey: true });
  }, 90_000);

  it("delivers in order, delayed messages after their delay, and wakes a worker in another instance at once", async () => {
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
    await sleep(200);
    expect(received.map((item) => item.n)).toEqual([1, 2]);
    expect(received[1]!.text).toBe("remote\u0000text"); // JSONB would refuse it
    // Only NOTIFY can have woken the consumer this fast: it polls once a minute here.
    console.log(`queue wake-up across instances: ${received[0]!.at - sentAt} ms`);
    await sleep(700);
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

  it("hands a message to another worker when its worker died mid-way and the lease ran out", async () => {
    const url = await server.createDatabase();
    const doomedDb = openInstance(url);
    const doomed = new PostgresMessageQueue(doomedDb, { leaseMs: 600, pollMs: 100 });
    const doomedController = new AbortController();
    let isLeasedByDoomed = false;
    // A handler that never finishes: the worker is "killed" while holding the message.
    void doomed.listen(() => {
      isLeasedByDoomed = true;
      return new Promise<void>(() => {});
    }, { signal: doomedController.signal });
    await sleep(200);
    await doomed.enqueue({ activity: "Create" });
    while (!isLeasedByDoomed) await sleep(20);
    // Its process dies: connections close, so no more lease heartbeats and no delete.
    await doomedDb.close();
    const diedAt = Date.now();

    const survivor = new PostgresMessageQueue(openInstance(url), { leaseMs: 600, pollMs: 100 });
    const received: unknown[] = [];
    const controller = new AbortController();
    const listening = survivor.listen((message) => void received.push(message), { signal: controller.signal });
    await sleep(100);
    expect(received).toEqual([]); // Still leased: nobody else may take it yet.
    while (received.length === 0 && Date.now() - diedAt < 5_000) await sleep(20);
    expect(received).toEqual([{ activity: "Create" }]);
    console.log(`message taken over ${Date.now() - diedAt} ms after its worker died (lease 600 ms)`);
    controller.abort();
    doomedController.abort();
    await listening;
    expect((await survivor.getDepth()).queued).toBe(0);
  });
});
