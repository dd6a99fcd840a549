// SQLite against PostgreSQL on the same workload, in one run (prints, asserts nothing):
//
//   npx node tests/bench/backends.ts        (BENCH_N=2000 by default)
//
// SQLite: a file in a temp directory opened as in production (WAL, synchronous=NORMAL).
// PostgreSQL: a throwaway local cluster with its production defaults (fsync on,
// synchronous_commit on), or the server in CRIER_TEST_DATABASE_URL; over TCP on 127.0.0.1.
// Ratios are PostgreSQL ops/s ÷ SQLite ops/s: below 1 means PostgreSQL is slower.
import "./resolve-ts.ts";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { MessageQueue } from "@fedify/fedify";
import type { AnnouncementDraft } from "../../lib/announcements/types.ts";
import type { Store } from "../../lib/store/types.ts";

const { openSqliteDatabase } = await import("../../lib/store/sqlite-database.ts");
const { SqliteStore } = await import("../../lib/store/sqlite-store.ts");
const { SqliteMessageQueue } = await import("../../lib/queue/sqlite-message-queue.ts");
const { PostgresDatabase } = await import("../../lib/store/postgres-database.ts");
const { PostgresStore } = await import("../../lib/store/postgres-store.ts");
const { PostgresMessageQueue } = await import("../../lib/queue/postgres-message-queue.ts");
const { startTestPostgres } = await import("../setup/postgres.ts");

const N = Number(process.env.BENCH_N ?? 2000);
const CONCURRENCY = 16;
const ACCOUNT = "https://council.example/users/news";
const isOfficial = () => false;

function makeDraft(n: number, text = `Notice ${n}: the road on Elm Street is closed for repairs.`): AnnouncementDraft {
  return {
    uri: `https://council.example/notes/${n}`, url: `https://council.example/@news/${n}`, authorUri: ACCOUNT, objectType: "Note",
    published: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(), updated: null, language: "en", summary: null, sensitive: false,
    html: `<p>${text}</p>`, text, attachments: [], tags: ["Roads"], visibility: "public", inReplyTo: null,
  };
}

const put = (store: Store, n: number, text?: string) =>
  store.putAnnouncement({ draft: makeDraft(n, text), accountUri: ACCOUNT, viaUri: null, language: "en" });

async function opsPerSecond(count: number, work: (index: number) => Promise<unknown>, concurrency = 1): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await work(next++);
  }));
  return count / ((performance.now() - started) / 1000);
}

/** Enqueues `count` messages and waits until one listener has handled them all. */
async function queueRoundTrip(queue: MessageQueue, count: number): Promise<number> {
  let handled = 0;
  const controller = new AbortController();
  const started = performance.now();
  const listening = queue.listen(() => void handled++, { signal: controller.signal });
  for (let index = 0; index < count; index++) await queue.enqueue({ type: "bench", index });
  while (handled < count) await new Promise((resolve) => setTimeout(resolve, 5));
  const rate = count / ((performance.now() - started) / 1000);
  controller.abort();
  await listening;
  return rate;
}

async function runWorkload(store: Store, queue: MessageQueue, afterWrites: () => Promise<void>): Promise<Record<string, number>> {
  await store.upsertAccount({ uri: ACCOUNT, handle: "@news@council.example", name: "City News", url: null, avatarUrl: null });
  const figures: Record<string, number> = {};
  figures["putAnnouncement (new)"] = await opsPerSecond(N, (n) => put(store, n));
  figures["putAnnouncement (re-delivery)"] = await opsPerSecond(N, (n) => put(store, n));
  figures["putAnnouncement (edit)"] = await opsPerSecond(N, (n) => put(store, n, `Notice ${n}: Elm Street reopens tomorrow.`));
  figures[`putAnnouncement (new, ${CONCURRENCY} at once)`] = await opsPerSecond(N, (n) => put(store, N + n), CONCURRENCY);
  await afterWrites();
  const ids = (await store.listAnnouncements({ limit: 100 })).map((item) => item.id);
  figures["getAnnouncement"] = await opsPerSecond(N, (n) => store.getAnnouncement(ids[n % ids.length]!));
  figures["listAnnouncements (20, paged)"] = await opsPerSecond(N / 4, (n) => store.listAnnouncements({ limit: 20, beforeId: ids[n % ids.length] }));
  figures[`getAnnouncement (${CONCURRENCY} at once)`] = await opsPerSecond(N, (n) => store.getAnnouncement(ids[n % ids.length]!), CONCURRENCY);
  figures["queue enqueue → handled"] = await queueRoundTrip(queue, N / 2);
  return figures;
}

const sqliteDir = mkdtempSync(path.join(tmpdir(), "crier-bench-sqlite-"));
const sqlite = openSqliteDatabase(sqliteDir);
console.error(`SQLite (${path.join(sqliteDir, "crier.sqlite")}), ${N} operations per row…`);
const sqliteFigures = await runWorkload(new SqliteStore(sqlite, isOfficial), new SqliteMessageQueue(() => openSqliteDatabase(sqliteDir)), async () => {});

const server = await startTestPostgres({ durable: true });
const db = new PostgresDatabase(await server.createDatabase());
console.error("PostgreSQL (local cluster, production settings)…");
let pgFigures: Record<string, number>;
try {
  // Table statistics, as autovacuum gathers them within a minute on a running server; without
  // them the planner guesses that the keyset page matches a handful of rows and sorts instead.
  pgFigures = await runWorkload(new PostgresStore(db, isOfficial), new PostgresMessageQueue(db), () => db.query("ANALYZE").then(() => {}));
} finally {
  await db.close();
  await server.stop();
}

const rows = Object.keys(sqliteFigures).map((name) => [
  name,
  sqliteFigures[name]!.toFixed(0),
  pgFigures[name]!.toFixed(0),
  (pgFigures[name]! / sqliteFigures[name]!).toFixed(2),
]);
const header = ["operation", "SQLite ops/s", "PostgreSQL ops/s", "PG ÷ SQLite"];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
for (const row of [header, ...rows]) console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  "));
