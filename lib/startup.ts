import { getAdminToken } from "./admin/token";
import { EnvError, getEnv } from "./env";
import { getFederation } from "./federation/federation";
import { getCrierLogger } from "./log";
import { getBackend } from "./store";

const STARTED = Symbol.for("crier.started");

/** Validates the environment, opens the store, and starts the queue worker. Exits with one sentence on bad config. */
export async function startCrier(): Promise<void> {
  const global = globalThis as { [STARTED]?: boolean };
  if (global[STARTED]) return;
  global[STARTED] = true;
  try {
    const env = getEnv();
    getBackend();
    getAdminToken();
    const federation = getFederation();
    const logger = getCrierLogger("startup");
    if (env.isQueueWorker) {
      // Not awaited: listen() runs until the process ends.
      void federation.startQueue(undefined).catch((error) => logger.error("The queue worker stopped: {error}", { error }));
    }
    logger.info("Crier is running at {url} (data in {dataDir}, queue worker {worker}).", {
      url: env.publicUrl,
      dataDir: env.dataDir,
      worker: env.isQueueWorker ? "on" : "off",
    });
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    console.error(`Crier cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
}
