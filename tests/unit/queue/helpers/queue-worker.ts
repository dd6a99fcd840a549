// A queue worker in a process of its own, so that tests can kill it for real (SIGKILL) mid-task.
//   node queue-worker.ts sqlite <file> <leaseMs> <mode>     |  node queue-worker.ts postgres <url> <leaseMs> <mode>
// mode: "normal"; "hang:<n>" (message n never finishes); "slow:<ms>" (each message takes that long).
// Prints one JSON line per event: {"event":"listening"}, {"event":"started","n":…}, {"event":"handled","n":…}.
import "../../../bench/resolve-ts.ts";
import { DatabaseSync } from "node:sqlite";

const [backend, location, leaseArg, mode = "normal"] = process.argv.slice(2);
const timings = { leaseMs: Number(leaseArg), pollMs: 100, backoffMs: [50, 400] as const };
const say = (event: string, n?: number) => process.stdout.write(`${JSON.stringify({ event, n })}\n`);

async function openQueue() {
  if (backend === "sqlite") {
    const { SqliteMessageQueue } = await import("../../../../lib/queue/sqlite-message-queue.ts");
    return new SqliteMessageQueue(() => {
      const db = new DatabaseSync(location!);
      db.exec("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;");
      return db;
    }, timings);
  }
  const { PostgresDatabase } = await import("../../../../lib/store/postgres-database.ts");
  const { PostgresMessageQueue } = await import("../../../../lib/queue/postgres-message-queue.ts");
  const db = new PostgresDatabase(location!);
  await db.ready;
  return new PostgresMessageQueue(db, timings);
}

const queue = await openQueue();
const [kind, argument] = mode.split(":");
void queue.listen(async (message) => {
  const { n } = message as { n: number };
  say("started", n);
  if (kind === "hang" && n === Number(argument)) await new Promise(() => {});
  if (kind === "slow") await new Promise((resolve) => setTimeout(resolve, Number(argument)));
  say("handled", n);
});
say("listening");
