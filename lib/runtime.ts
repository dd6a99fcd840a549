// The process's one runtime: builds every part in a fixed order (env, logging, network
// guards, admin token, database, event bus, federation, renderers, queue worker) and
// stops them in reverse. The server (instrumentation.ts via lib/startup.ts), tests and
// benchmarks all start it the same way: `await startRuntime()`.
import { getAdminToken } from "./admin/token";
import { startCapPoller } from "./cap/cap-poller";
import { startCapWatch } from "./cap/cap-watch";
import { startPushDelivery } from "./push/push-delivery";
import { securePrivateFiles } from "./data-dir";
import { getEnv, type Env } from "./env";
import { getEventBus } from "./events/bus";
import { getFederation, type CrierFederation } from "./federation/federation";
import { installNetworkGuards } from "./http/network-guards";
import { configureLogging, getCrierLogger } from "./log";
import { startMediaPrerenderer } from "./media/media-prerenderer";
import { getSlidePool } from "./render/slide-pool";
import { startSlidePrerenderer } from "./render/slide-service";
import { getRuntime, type PartStopReport, type Runtime, STOP_BUDGET_MS } from "./runtime/registry";
import { getSpeechPool } from "./speech/speech-pool";
import { startSpeechWorker } from "./speech/speech-service";
import { startFollowChecks } from "./federation/follow-check";
import { getBackend } from "./store";
import { getShowUntilTimer } from "./changes/show-until-timer";

export { getRuntime, type Runtime } from "./runtime/registry";

/** Time the queue worker gets to finish the task it holds, leaving the rest of the budget for closing the database. */
const QUEUE_FINISH_MS = STOP_BUDGET_MS - 2_000;

export interface RuntimeOptions {
  /** Work the durable queue in this process (default: QUEUE_WORKER). */
  isQueueWorker?: boolean;
}

/**
 * Builds this process's parts in order, once; later calls wait for the first. Rejects
 * with one sentence when the environment or the database is not usable.
 */
export function startRuntime(options: RuntimeOptions = {}): Promise<Runtime> {
  const runtime = getRuntime();
  return runtime.part("runtime-start", () => buildParts(runtime, options));
}

/** Stops every part (newest first) within 8 s; safe to call more than once. */
export function stopRuntime(): Promise<PartStopReport[]> {
  return getRuntime().stop();
}

async function buildParts(runtime: Runtime, options: RuntimeOptions): Promise<Runtime> {
  const env = runtime.part("env", getEnv);
  configureLogging();
  // Before anything writes there: DATA_DIR 700, the database and admin token 600 (existing ones too).
  securePrivateFiles(env.dataDir);
  installNetworkGuards();
  getAdminToken();
  await openDatabase(env);
  getEventBus();
  const federation = getFederation();
  getSlidePool();
  getSpeechPool();
  startSlidePrerenderer();
  startSpeechWorker();
  startMediaPrerenderer();
  // Before the queue worker, which hands it its tasks; then emergencies are watched for CAP and push.
  await runtime.part("push-delivery", startPushDelivery);
  runtime.part("cap-watch", startCapWatch, (watch) => watch.stop());
  getShowUntilTimer();
  if (options.isQueueWorker ?? env.isQueueWorker) {
    runtime.part("queue-worker", () => startQueueWorker(federation, runtime.signal), (worker) => worker.stop());
    runtime.part("follow-checks", () => startFollowChecks(env.followCheckIntervalMs), (timer) => clearInterval(timer));
    runtime.part("cap-poller", () => startCapPoller(), (poller) => poller.stop());
  }
  return runtime;
}

/** Opens the database; with PostgreSQL, waits for migrations and says clearly when it cannot connect. */
async function openDatabase(env: Env): Promise<void> {
  try {
    await getBackend().ready;
  } catch (error) {
    if (!env.databaseUrl) throw error;
    const host = new URL(env.databaseUrl).host || "the local socket";
    throw new Error(`the PostgreSQL database in DATABASE_URL (at ${host}) is not usable: ${(error as Error).message}`);
  }
}

/**
 * Works Fedify's queues until `signal` aborts (shutdown). Stopping takes no new work,
 * lets the task in hand finish, or hands its lease back after QUEUE_FINISH_MS so
 * another instance (or this one after a restart) takes it at once.
 */
function startQueueWorker(federation: CrierFederation, signal: AbortSignal) {
  const logger = getCrierLogger("queue");
  const listening = federation.startQueue(undefined, { signal }).catch((error) => {
    if (!signal.aborted) logger.error("The queue worker stopped: {error}", { error });
  });
  return {
    async stop(): Promise<void> {
      await getBackend().queue.stop(QUEUE_FINISH_MS);
      await getBackend().queue.close();
      let timer: NodeJS.Timeout | undefined;
      const finished = await Promise.race([
        listening.then(() => true),
        new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 1_000))),
      ]);
      clearTimeout(timer);
      if (!finished) logger.warn("Fedify's queue listener had not ended 1 s after the queue stopped.");
    },
  };
}
