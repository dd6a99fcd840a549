import { getAdminToken } from "./admin/token";
import { securePrivateFiles } from "./data-dir";
import { EnvError, getEnv } from "./env";
import { getFederation } from "./federation/federation";
import { installPeerAddressHeader } from "./http/client-address";
import { installRemoteFetchLimits } from "./http/remote-fetch-limits";
import { installNetworkGuards } from "./http/network-guards";
import { configureLogging, getCrierLogger } from "./log";
import { startSlidePrerenderer } from "./render/slide-service";
import { startSpeechWorker } from "./speech/speech-service";
import { getBackend } from "./store";

const STARTED = Symbol.for("crier.started");

/** Validates the environment, opens the store, and starts the queue worker. Exits with one sentence on bad config. */
export async function startCrier(): Promise<void> {
  const global = globalThis as { [STARTED]?: boolean };
  if (global[STARTED]) return;
  global[STARTED] = true;
  // First, before anything awaits: requests may arrive as soon as start-up yields.
  installPeerAddressHeader();
  try {
    const env = getEnv();
    configureLogging();
    // Before anything writes there: DATA_DIR 700, the database and admin token 600 (existing ones too).
    securePrivateFiles(env.dataDir);
    installNetworkGuards();
    getAdminToken();
    await waitForDatabase(env.databaseUrl);
    const federation = getFederation();
    const logger = getCrierLogger("startup");
    if (env.databaseUrl && !env.adminToken) {
      logger.warn("ADMIN_TOKEN is unset, so this instance made its own; instances sharing one database should all get the same ADMIN_TOKEN.");
    }
    startSlidePrerenderer();
    startSpeechWorker();
    if (env.isQueueWorker) {
      // Not awaited: listen() runs until the process ends.
      void federation.startQueue(undefined).catch((error) => logger.error("The queue worker stopped: {error}", { error }));
    }
    logger.info("Crier is running at {url} ({database}, caches in {dataDir}, queue worker {worker}).", {
      url: env.publicUrl,
      database: env.databaseUrl ? "PostgreSQL" : "SQLite",
      dataDir: env.dataDir,
      worker: env.isQueueWorker ? "on" : "off",
    });
  } catch (error) {
    exitWithMessage(error);
  }
}

/** Opens the database; with PostgreSQL, waits for migrations and says clearly when it cannot connect. */
async function waitForDatabase(databaseUrl: string | null): Promise<void> {
  try {
    await getBackend().ready;
  } catch (error) {
    if (!databaseUrl) throw error;
    const host = new URL(databaseUrl).host || "the local socket";
    throw new Error(`the PostgreSQL database in DATABASE_URL (at ${host}) is not usable: ${(error as Error).message}`);
  }
}

/** Prints one sentence for the operator and stops the process. */
export function exitWithMessage(error: unknown): never {
  const message = error instanceof EnvError ? error.message : `Crier cannot start: ${(error as Error).message}`;
  console.error(message);
  process.exit(1);
}
