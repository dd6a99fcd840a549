// SQLite against PostgreSQL on the same workload, in one run (prints, asserts nothing):
//
//   npx node tests/bench/backends.ts        (BENCH_N=2000 by default)
//
// Each backend runs in a child process on the server's own runtime (`startRuntime()`,
// lib/runtime.ts), so the store and queue measured are the ones the server builds.
// SQLite: a file in a temp directory opened as in production (WAL, synchronous=NORMAL).
// PostgreSQL: a throwaway local cluster with its production defaults (fsync on,
// synchronous_commit on), or the server in CRIER_TEST_DATABASE_URL; over TCP on 127.0.0.1.
// Ratios are PostgreSQL ops/s ÷ SQLite ops/s: below 1 means PostgreSQL is slower.
import "./resolve-ts.ts";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { MessageQueue } from "@fedify/fedify";
import pg from "pg";
import type { DatedDraft } from "../../lib/announcements/types.ts";
import type { Store } from "../../lib/store/types.ts";

const N = Number(process.env.BENCH_N ?? 2000);
const CONCURRENCY = 16;
const ACCOUNT = "https://council.example/users/news";

function makeDraft(n: number, text = `Notice ${n}: the road on Elm Street is closed for repairs.`): DatedDraft {
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

const FIGURES = "BENCH_FIGURES";

/** Runs the workload on the backend this process's environment names, and prints its figures as JSON. */
async function measureThisBackend(): Promise<void> {
  const { startRuntime, stopRuntime } = await import("../../lib/runtime.ts");
  const { getBackend } = await import("../../lib/store/index.ts");
  await startRuntime({ isQueueWorker: false });
  const { store, queue } = getBackend();
  const databaseUrl = process.env.DATABASE_URL;
  try {
    // PostgreSQL: table statistics, as autovacuum gathers them within a minute on a running server;
    // without them the planner guesses that the keyset page matches a handful of rows and sorts instead.
    const figures = await runWorkload(store, queue, async () => {
      if (!databaseUrl) return;
      const client = new pg.Client(databaseUrl);
      await client.connect();
      await client.query("ANALYZE");
      await client.end();
    });
    process.stdout.write(`${FIGURES} ${JSON.stringify(figures)}\n`);
  } finally {
    await stopRuntime();
  }
}

/** This script again, in a child process on one backend. */
function measureIn(env: Record<string, string>): Record<string, number> {
  const output = execFileSync(process.execPath, [import.meta.filename], {
    env: { ...process.env, BENCH_BACKEND_CHILD: "1", ADMIN_TOKEN: "bench-admin-token-0123456789", QUEUE_WORKER: "false", ...env },
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 1024 * 1024,
  });
  // The runtime's log lines go to stdout too; the figures are on their own marked line.
  const line = output.toString().split("\n").find((candidate) => candidate.startsWith(FIGURES));
  if (!line) throw new Error(`the benchmark child printed no figures:\n${output}`);
  return JSON.parse(line.slice(FIGURES.length)) as Record<string, number>;
}

if (process.env.BENCH_BACKEND_CHILD) {
  await measureThisBackend();
  process.exit(0);
}

const { startTestPostgres } = await import("../setup/postgres.ts");
const sqliteDir = mkdtempSync(path.join(tmpdir(), "crier-bench-sqlite-"));
console.error(`SQLite (${path.join(sqliteDir, "crier.sqlite")}), ${N} operations per row…`);
const sqliteFigures = measureIn({ DATA_DIR: sqliteDir, DATABASE_URL: "" });

const server = await startTestPostgres({ durable: true });
console.error("PostgreSQL (local cluster, production settings)…");
let pgFigures: Record<string, number>;
try {
  pgFigures = measureIn({ DATA_DIR: mkdtempSync(path.join(tmpdir(), "crier-bench-pg-")), DATABASE_URL: await server.createDatabase() });
} finally {
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
