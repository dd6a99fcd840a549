import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { Temporal } from "@js-temporal/polyfill";
import { SqliteMessageQueue } from "../../../lib/queue/sqlite-message-queue";

function openDatabase(file: string) {
  const db = new DatabaseSync(file);
  db.exec("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;");
  return db;
}

describe("SqliteMessageQueue", () => {
  it("delivers enqueued messages in order, and delayed ones after their delay", async () => {
    const queue = new SqliteMessageQueue(openDatabase(":memory:"));
    const received: unknown[] = [];
    const controller = new AbortController();
    const listening = queue.listen((message) => void received.push(message), { signal: controller.signal });
    await queue.enqueue({ n: 1 });
    await queue.enqueue({ n: 3 }, { delay: Temporal.Duration.from({ milliseconds: 300 }) });
    await queue.enqueue({ n: 2 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toEqual([{ n: 1 }, { n: 2 }]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(received).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    controller.abort();
    await listening;
    expect((await queue.getDepth()).queued).toBe(0);
  });

  it("keeps a message whose worker died mid-way, and hands it over when the lease runs out", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "crier-queue-")), "queue.sqlite");
    const first = new SqliteMessageQueue(openDatabase(file));
    await first.enqueue({ activity: "Create" });
    // Simulate a worker that leased the message and was killed before finishing.
    const db = openDatabase(file);
    db.prepare("UPDATE crier_queue SET leased_until = ?").run(Date.now() + 200);
    const second = new SqliteMessageQueue(openDatabase(file));
    const received: unknown[] = [];
    const controller = new AbortController();
    const listening = second.listen((message) => void received.push(message), { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(received).toEqual([{ activity: "Create" }]);
    controller.abort();
    await listening;
  });

  it("does not lose or repeat messages across concurrent enqueues", async () => {
    const queue = new SqliteMessageQueue(openDatabase(":memory:"));
    const received = new Set<number>();
    let duplicates = 0;
    const controller = new AbortController();
    const listening = queue.listen(async (message) => {
      const { n } = message as { n: number };
      if (received.has(n)) duplicates++;
      received.add(n);
      await new Promise((resolve) => setImmediate(resolve));
    }, { signal: controller.signal });
    await Promise.all(Array.from({ length: 200 }, (_, n) => queue.enqueue({ n })));
    await queue.enqueueMany(Array.from({ length: 100 }, (_, n) => ({ n: 200 + n })));
    const deadline = Date.now() + 5_000;
    while (received.size < 300 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await listening;
    expect(received.size).toBe(300);
    expect(duplicates).toBe(0);
  });
});
