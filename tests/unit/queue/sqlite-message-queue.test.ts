import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { SqliteMessageQueue } from "../../../lib/queue/sqlite-message-queue";
import type { QueueTimings } from "../../../lib/queue/queue-timings";
import { describeMessageQueueContract } from "./message-queue-contract";

function openDatabase(file: string) {
  const db = new DatabaseSync(file);
  db.exec("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;");
  return db;
}

/** A fresh database file; each queue object gets its own connection to it, as in the app. */
function createSqliteBackend() {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "crier-queue-")), "crier.sqlite");
  const admin = openDatabase(file);
  return {
    file,
    openQueue: async (timings?: Partial<QueueTimings>) => new SqliteMessageQueue(() => openDatabase(file), timings),
    childArgs: ["sqlite", file] as [string, string],
    exec: async (sql: string) => void admin.exec(sql),
    table: "crier_queue",
  };
}

describeMessageQueueContract("SQLite", async () => createSqliteBackend());

describe("SqliteMessageQueue", () => {
  it("survives its connection being closed mid-drain: reopens it, and drains the rest (the task in hand runs again after its lease)", async () => {
    const { file } = createSqliteBackend();
    const connections: DatabaseSync[] = [];
    const queue = new SqliteMessageQueue(() => {
      const db = openDatabase(file);
      connections.push(db);
      return db;
    }, { leaseMs: 500, pollMs: 100, backoffMs: [50, 200] });
    await queue.enqueueMany([1, 2, 3, 4, 5].map((n) => ({ n })));
    const handled: number[] = [];
    const states: string[] = [];
    const controller = new AbortController();
    const listening = queue.listen(async (message) => {
      const { n } = message as { n: number };
      if (n === 2 && !handled.includes(2)) connections.at(-1)!.close(); // killed under the running task
      handled.push(n);
    }, { signal: controller.signal });
    const deadline = Date.now() + 10_000;
    const noteState = () => {
      const state = queue.getWorkers()[0]?.state;
      if (state && states.at(-1) !== state) states.push(state);
    };
    // Done when the task that was in hand ran again: its delete failed with the connection, so its lease ran out.
    while (handled.filter((n) => n === 2).length < 2 && Date.now() < deadline) {
      noteState();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    noteState();
    controller.abort();
    await listening;
    expect(handled.toSorted()).toEqual([1, 2, 2, 3, 4, 5]);
    expect(states).toContain("failing");
    expect(states.at(-1)).toBe("running");
    expect(connections.length).toBeGreaterThanOrEqual(2); // it opened a fresh connection
    expect((await queue.getDepth()).queued).toBe(0);
    console.log(`SQLite: worker states after its connection was closed mid-drain: ${states.join(" → ")}; handled ${handled.join(", ")}`);
  });

  it("creates its table by migration, on a database the store made or on an empty one", async () => {
    const { file } = createSqliteBackend();
    new SqliteMessageQueue(() => openDatabase(file));
    const db = openDatabase(file);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'crier_queue'").get()).toBeTruthy();
    expect((db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version).toBeGreaterThan(4);
  });
});
