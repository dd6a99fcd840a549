import { getAnnouncement } from "../announcements/listing";
import type { Announcement } from "../announcements/types";
import { getEnv } from "../env";
import { PrerenderQueue } from "../background/prerender-queue";
import { getEventBus } from "../events/bus";
import { getCrierLogger } from "../log";
import { getRuntimePart } from "../runtime/registry";
import { getAudioDir, getCachedAudioSize, removeCachedAudio, writeCachedAudio } from "./audio-cache";
import type { SpeechPlan } from "./plan-speech";
import { getSpeechPlan } from "./speech-plans";
import { renderSpeechInWorker } from "./speech-pool";

const logger = getCrierLogger("speech");
interface SpeechState {
  /** Audio being made, by cache file name, so a request and the worker share one job. */
  inFlight: Map<string, Promise<void>>;
  /** Jobs run one at a time: speech is CPU work and must not starve the request path. */
  queue: Promise<unknown>;
}

function getState(): SpeechState {
  return getRuntimePart("speech-jobs", (): SpeechState => ({ inFlight: new Map(), queue: Promise.resolve() }));
}

/** The announcement was deleted (or hidden) while its audio was being made: a normal race, not a failure. */
export class AnnouncementGoneError extends Error {
  override name = "AnnouncementGoneError";
  constructor(id: string) {
    super(`Announcement ${id} was gone before it was spoken (deleted or hidden meanwhile).`);
  }
}

/** Audio ready to serve, or why there is none. */
export type AudioResult =
  | { kind: "ready"; dir: string; id: string; hash: string; size: number }
  | { kind: "device"; plan: Extract<SpeechPlan, { kind: "device" }> };

/** Makes (or finds) the MP3 of an announcement; the server voice, or a "device" answer when it has none. */
export async function ensureAnnouncementAudio(announcement: Announcement): Promise<AudioResult> {
  const plan = await getSpeechPlan(announcement);
  if (plan.kind === "device") return { kind: "device", plan };
  const dir = getAudioDir(getEnv().dataDir);
  const existing = getCachedAudioSize(dir, announcement.id, plan.hash);
  if (existing !== null) return { kind: "ready", dir, id: announcement.id, hash: plan.hash, size: existing };
  const state = getState();
  const key = `${announcement.id}.${plan.hash}`;
  let job = state.inFlight.get(key);
  if (!job) {
    job = state.queue.then(async () => {
      const started = performance.now();
      const { mp3, gainDb, seconds } = await renderSpeechInWorker(plan);
      // The announcement may have been deleted while its audio was being made.
      if (!(await getAnnouncement(announcement.id))) return;
      writeCachedAudio(dir, announcement.id, plan.hash, mp3);
      logger.info("Spoke announcement {id} with {voice}: {seconds} s of audio, {gain} dB to −16 LUFS, in {ms} ms.", {
        id: announcement.id, voice: plan.voice.id, seconds: seconds.toFixed(1), gain: gainDb.toFixed(1), ms: Math.round(performance.now() - started),
      });
    }).finally(() => state.inFlight.delete(key));
    state.inFlight.set(key, job);
    state.queue = job.catch(() => undefined);
  }
  await job;
  const size = getCachedAudioSize(dir, announcement.id, plan.hash);
  if (size === null) {
    if (!(await getAnnouncement(announcement.id))) throw new AnnouncementGoneError(announcement.id);
    throw new Error(`The audio of announcement ${announcement.id} was not written.`);
  }
  return { kind: "ready", dir, id: announcement.id, hash: plan.hash, size };
}

/**
 * The size of an announcement's cached MP3, or null (device voice, or not made yet:
 * then it is queued, so the next look finds it).
 */
export async function findCachedAudioSize(announcement: Announcement): Promise<number | null> {
  const plan = await getSpeechPlan(announcement);
  if (plan.kind === "device") return null;
  const size = getCachedAudioSize(getAudioDir(getEnv().dataDir), announcement.id, plan.hash);
  if (size === null) {
    ensureAnnouncementAudio(announcement).catch((error) => logSpeechFailure(announcement.id, error));
  }
  return size;
}

function logSpeechFailure(id: string, error: unknown): void {
  if (error instanceof AnnouncementGoneError) logger.info("Announcement {id} was gone before it was spoken.", { id });
  else logger.error("Could not speak announcement {id}: {error}", { id, error });
}

/** How many announcements are being spoken or waiting to be (for /api/health). */
export function getSpeechQueueLength(): number {
  return getState().inFlight.size;
}

/**
 * Speaking ahead is a head start: past this many waiting (a flood of posts, a long
 * backfill), new arrivals are spoken when first asked for instead, so a burst never
 * queues hours of CPU work.
 */
export const MAX_BACKGROUND_SPEECH = 20;

/** Speaks announcements as they arrive or change, removes their audio on delete. */
function getSpeechPrerenderer(): PrerenderQueue {
  return getRuntimePart("speech-prerenderer", () => new PrerenderQueue({
    what: "audio",
    maxBacklog: getEnv().prerender.speech ? MAX_BACKGROUND_SPEECH : 0,
    logger,
    work: {
      render: async (announcement, signal) => {
        if (signal.aborted) return;
        await ensureAnnouncementAudio(announcement).catch((error) => {
          // Other failures go on to the queue, which warns.
          if (!(error instanceof AnnouncementGoneError)) throw error;
          logSpeechFailure(announcement.id, error);
        });
      },
      onDeleted: (id) => void removeCachedAudio(getAudioDir(getEnv().dataDir), id),
    },
  }), (queue) => queue.stop());
}

/** How many announcements were left to speak on request because the queue was full. */
export function getSkippedSpeech(): number {
  return getSpeechPrerenderer().skipped;
}

/** Speaks announcements again in the background, e.g. those a lexicon edit changed (their new audio has a new hash). */
export function speakAgain(announcements: Announcement[]): void {
  for (const announcement of announcements) getSpeechPrerenderer().renderAgain(announcement);
}

/** Starts speaking announcements as they arrive or change (once per process). */
export function startSpeechWorker(): void {
  getSpeechPrerenderer().start(getEventBus());
}
