import path from "node:path";
import type { Announcement } from "../announcements/types";
import { getFileBudget } from "../cache/file-budget";
import { getEnv } from "../env";
import { PrerenderQueue } from "../background/prerender-queue";
import { getEventBus } from "../events/bus";
import { getCrierLogger } from "../log";
import { getRuntimePart } from "../runtime/registry";
import { getPictureSource } from "../media/media-service";
import { getSlideName, getSlidePath, readCachedSlide, removeCachedSlides, removeStaleSlides, writeCachedSlide } from "./slide-cache";
import { toSlideContent, type SlideContent } from "./slide-content";
import { getSlidePool } from "./slide-pool";
import { PRERENDER_SIZES, type SlideOptions } from "./slide-themes";

const logger = getCrierLogger("slides");

/**
 * One slide being rendered, shared by everyone who asked for it. `waiters` counts the
 * askers still there; when the last one leaves, `controller` tells the pool to give up.
 */
interface InFlight { promise: Promise<Buffer>; controller: AbortController; waiters: number }

/** Slides being rendered, by cache file, shared by the pre-renderer and requests (one bundle each). */
function getInFlight(): Map<string, InFlight> {
  return getRuntimePart("slides-in-flight", () => new Map<string, InFlight>());
}

function getSlidesDir(): string {
  return path.join(getEnv().dataDir, "slides");
}

/** DATA_DIR/slides held within SLIDE_CACHE_BYTES, least recently used out. */
export function getSlideCacheBudget() {
  return getFileBudget(getSlidesDir(), getEnv().slideCacheBytes);
}

/** What an announcement's slide shows, for hashing and rendering. */
export function getSlideContent(announcement: Announcement): SlideContent {
  return toSlideContent(announcement, getEnv().publicUrl, getEnv().timeZone);
}

/** The strong ETag of a slide, computed without rendering it. */
export function getSlideEtag(announcement: Announcement, options: SlideOptions): string {
  return `"${getSlideName(getSlideContent(announcement), options)}"`;
}

/**
 * A slide's PNG bytes: from the cache, or rendered in the worker (one render per slide
 * at a time). `signal` is the asker's: when every asker of a render has left, it stops.
 */
export async function getSlidePng(announcement: Announcement, options: SlideOptions, isUrgent = true, signal?: AbortSignal): Promise<Buffer> {
  const content = getSlideContent(announcement);
  const file = getSlidePath(getSlidesDir(), content, options);
  const cached = await readCachedSlide(file);
  if (cached) {
    getSlideCacheBudget().recordRead(file);
    return cached;
  }
  const inFlight = getInFlight();
  let entry = inFlight.get(file);
  if (!entry) {
    const controller = new AbortController();
    const promise = renderAndStore(content, options, file, isUrgent, controller.signal).finally(() => {
      if (inFlight.get(file) === entry) inFlight.delete(file);
    });
    // Its askers handle the failure; one that left before waiting must not leave it unhandled.
    promise.catch(() => undefined);
    entry = { promise, controller, waiters: 0 };
    inFlight.set(file, entry);
  }
  return waitForRender(file, entry, signal);
}

/** Waits for a shared render as one of its askers; the last asker to leave stops it. */
function waitForRender(file: string, entry: InFlight, signal?: AbortSignal): Promise<Buffer> {
  entry.waiters++;
  if (!signal) return entry.promise;
  return new Promise<Buffer>((resolve, reject) => {
    const leave = () => {
      reject(signal.reason instanceof Error ? signal.reason : new Error("The client left."));
      if (--entry.waiters > 0) return;
      entry.controller.abort();
      // A new asker must start a new render, not join this one.
      if (getInFlight().get(file) === entry) getInFlight().delete(file);
    };
    if (signal.aborted) return leave();
    signal.addEventListener("abort", leave, { once: true });
    entry.promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", leave));
  });
}

async function renderAndStore(content: SlideContent, options: SlideOptions, file: string, isUrgent: boolean, signal: AbortSignal): Promise<Buffer> {
  // The picture fetched once for /media (through the same guards), not fetched again for each size.
  const source = content.image && !content.image.isHidden ? await getPictureSource(content.id, content.image.url) : null;
  const image = source ? { data: source, mediaType: "image/*" } : null;
  const png = await getSlidePool().render(content, options, image, isUrgent, signal);
  await writeCachedSlide(file, png);
  getSlideCacheBudget().recordWrite(file, png.byteLength);
  return png;
}

/**
 * Pre-rendering is a head start, not a promise: past this many announcements waiting (a flood
 * of posts, a long backfill), new arrivals are left to render when first asked for,
 * so a burst can never queue hours of CPU work or starve the requests screens make.
 */
export const MAX_BACKGROUND_SLIDES = 20;

/** Renders the common sizes at ingest and on edit, and removes a deleted announcement's images. */
function getSlidePrerenderer(): PrerenderQueue {
  return getRuntimePart("slide-prerenderer", () => new PrerenderQueue({
    what: "slides",
    maxBacklog: getEnv().prerender.slides ? MAX_BACKGROUND_SLIDES : 0,
    logger,
    work: {
      render: async (announcement, signal) => {
        for (const options of PRERENDER_SIZES) {
          if (signal.aborted) return;
          await getSlidePng(announcement, options, false, signal);
        }
      },
      onUpdated: async (announcement) => {
        const files = await removeStaleSlides(getSlidesDir(), getSlideContent(announcement));
        files.forEach((file) => getSlideCacheBudget().forget(file));
      },
      onDeleted: async (id) => {
        const dir = await removeCachedSlides(getSlidesDir(), id);
        getSlideCacheBudget().forget(`${dir}${path.sep}`);
      },
    },
  }), (queue) => queue.stop());
}

/** How many announcements' slides were left to render on request because the queue was full. */
export function getSkippedPrerenders(): number {
  return getSlidePrerenderer().skipped;
}

/** Starts pre-rendering slides as announcements arrive or change (once per process). */
export function startSlidePrerenderer(): void {
  getSlidePrerenderer().start(getEventBus());
}
