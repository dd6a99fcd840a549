import { EnvError, getEnv } from "./env";
import { installPeerAddressHeader } from "./http/client-address";
import { getCrierLogger } from "./log";
import { getRuntime, startRuntime, stopRuntime } from "./runtime";
import { stopOnSignals } from "./runtime/signals";

/** Starts the server's runtime, and stops it on SIGTERM/SIGINT. Exits with one sentence on bad config. */
export async function startCrier(): Promise<void> {
  if (getRuntime().has("runtime-start")) return;
  // First, before anything awaits: requests may arrive as soon as start-up yields.
  installPeerAddressHeader();
  try {
    await startRuntime();
  } catch (error) {
    exitWithMessage(error);
  }
  const env = getEnv();
  const logger = getCrierLogger("startup");
  stopOnSignals(stopRuntime, logger);
  if (env.databaseUrl && !env.adminToken) {
    logger.warn("ADMIN_TOKEN is unset, so this instance made its own; instances sharing one database should all get the same ADMIN_TOKEN.");
  }
  logger.info("Crier is running at {url} ({database}, caches in {dataDir}, queue worker {worker}).", {
    url: env.publicUrl,
    database: env.databaseUrl ? "PostgreSQL" : "SQLite",
    dataDir: env.dataDir,
    worker: env.isQueueWorker ? "on" : "off",
  });
}

/** Prints one sentence for the operator and stops the process. */
export function exitWithMessage(error: unknown): never {
  const message = error instanceof EnvError ? error.message : `Crier cannot start: ${(error as Error).message}`;
  console.error(message);
  process.exit(1);
}
