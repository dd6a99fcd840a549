import { getBackend } from "./store";
import { getEnv } from "./env";
import { getStreamAdmission } from "./events/stream-admission";
import { getSlidePool } from "./render/slide-pool";
import { getSkippedPrerenders, getSlideCacheBudget } from "./render/slide-service";
import { getSkippedSpeech, getSpeechQueueLength } from "./speech/speech-service";
import type { WorkerStatus } from "./queue/drain-loop";

export interface Health {
  status: "ok" | "degraded";
  store: { kind: string; ok: boolean; error?: string };
  /**
   * `worker`: whether this process should work the queue (QUEUE_WORKER); `workers`: its
   * worker loops as they are now (alive, when they last took work); `isWorking`: every loop
   * it should run is running. A worker that should run and is not makes `status` "degraded".
   */
  queue: { ok: boolean; worker: boolean; isWorking: boolean; workers: WorkerStatus[]; queued?: number; error?: string };
  /** Live events: "local" (SQLite, one instance) or "shared" through PostgreSQL, and whether this instance hears the others now. */
  events: { scope: "local" | "shared"; isHearingOthers: boolean; streams: number };
  /** Background work waiting in this process: slide images and audio still to make. */
  renderers: {
    slidesQueued: number; speechQueued: number; slidesSkipped: number; speechSkipped: number;
    /** Slide renders given up because every client asking for them left; requests refused (503) because the queue was full. */
    slidesAbandoned: number; slidesRefused: number;
    /** Bytes in DATA_DIR/slides, and files removed to keep it within SLIDE_CACHE_BYTES. */
    slideCacheBytes: number; slideCacheEvicted: number;
  };
  version: string;
}

/** Background work waiting, and what was left to render on request because it was too much. */
function getRendererBacklog(): Health["renderers"] {
  const pool = getSlidePool();
  const slideCache = getSlideCacheBudget();
  return {
    slidesQueued: pool.queued, speechQueued: getSpeechQueueLength(), slidesSkipped: getSkippedPrerenders(), speechSkipped: getSkippedSpeech(),
    slidesAbandoned: pool.counts.abandoned, slidesRefused: pool.counts.refused,
    slideCacheBytes: slideCache.totalBytes, slideCacheEvicted: slideCache.evicted,
  };
}

/** The worker loops' own account of themselves, never just the setting. */
function getWorkerHealth(): Pick<Health["queue"], "worker" | "isWorking" | "workers"> {
  const worker = getEnv().isQueueWorker;
  const workers = getBackend().queue.getWorkers();
  return { worker, workers, isWorking: workers.length > 0 && workers.every((loop) => loop.state === "running") };
}

/** Whether the store and the queue answer, and the queue's worker loops work; what GET /api/health reports. */
export async function getHealth(): Promise<Health> {
  const health: Health = { status: "ok", store: { kind: "unknown", ok: false }, queue: { ok: false, worker: false, isWorking: false, workers: [] }, events: { scope: "local", isHearingOthers: false, streams: getStreamAdmission().open }, renderers: getRendererBacklog(), version: "0.1.0" };
  try {
    const { store } = getBackend();
    health.store.kind = store.kind;
    await store.ping();
    health.store.ok = true;
  } catch (error) {
    health.store.error = (error as Error).message;
  }
  try {
    health.queue = { ...health.queue, ...getWorkerHealth() };
    const depth = await getBackend().queue.getDepth();
    health.queue = { ...health.queue, ok: true, queued: depth.queued };
  } catch (error) {
    health.queue.error = (error as Error).message;
  }
  try {
    const isHearingOthers = getBackend().isHearingOtherInstances;
    if (isHearingOthers) health.events = { ...health.events, scope: "shared", isHearingOthers: isHearingOthers() };
  } catch {
    // The store check above already reports why the backend is unusable.
  }
  if (!health.store.ok || !health.queue.ok || (health.queue.worker && !health.queue.isWorking)) health.status = "degraded";
  return health;
}
