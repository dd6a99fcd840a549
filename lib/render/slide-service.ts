import path from "node:path";
import type { Announcement } from "../announcements/types";
import { getEnv } from "../env";
import { getEventBus } from "../events/bus";
import { getCrierLogger } from "../log";
import { tryFetchAttachmentImage } from "./fetch-attachment";
import { getSlideName, getSlidePath, readCachedSlide, removeCachedSlides, removeStaleSlides, writeCachedSlide } from "./slide-cache";
import { toSlideContent, type SlideContent } from "./slide-content";
import { getSlidePool } from "./slide-pool";
import { PRERENDER_SIZES, type SlideOptions } from "./slide-themes";

const logger = getCrierLogger("slides");
const IN_FLIGHT = Symbol.for("crier.slidesInFlight");

/** Slides being rendered, by cache file, shared by the pre-renderer and requests (one bundle each). */
function getInFlight(): Map<string, Promise<Buffer>> {
  const global = globalThis as { [IN_FLIGHT]?: Map<string, Promise<Buffer>> };
  return (global[IN_FLIGHT] ??= new Map());
}

function getSlidesDir(): string {
  return path.join(getEnv().dataDir, "slides");
}

/** What an announcement's slide shows, for hashing and rendering. */
export function getSlideContent(announcement: Announcement): SlideContent {
  return toSlideContent(announcement, getEnv().publicUrl, getEnv().timeZone);
}

/** The strong ETag of a slide, computed without rendering it. */
export function getSlideEtag(announcement: Announcement, options: SlideOptions): string {
  return `"${getSlideName(getSlideContent(announcement), options)}"`;
}

/** A slide's PNG bytes: from the cache, or rendered in the worker (one render per slide at a time). */
export async function getSlidePng(announcement: Announcement, options: SlideOptions, isUrgent = true): Promise<Buffer> {
  const content = getSlideContent(announcement);
  const file = getSlidePath(getSlidesDir(), content, options);
  const cached = await readCachedSlide(file);
  if (cached) return cached;
  const inFlight = getInFlight();
  let pending = inFlight.get(file);
  if (!pending) {
    pending = renderAndStore(content, options, file, isUrgent).finally(() => inFlight.delete(file));
    inFlight.set(file, pending);
  }
  return pending;
}

async function renderAndStore(content: SlideContent, options: SlideOptions, file: string, isUrgent: boolean): Promise<Buffer> {
  const image = content.image && !content.image.isHidden ? await tryFetchAttachmentImage(content.image.url) : null;
  const png = await getSlidePool().render(content, options, image, isUrgent);
  await writeCachedSlide(file, png);
  return png;
}

const STARTED = Symbol.for("crier.slidePrerenderer");
/**
 * Pre-rendering is a head start, not a promise: past this many announcements waiting (a flood
 * of posts, a long backfill), new arrivals are left to render when first asked for,
 * so a burst can never queue hours of CPU work or starve the requests screens make.
 */
export const MAX_BACKGROUND_SLIDES = 20;
const BACKLOG = Symbol.for("crier.slidePrerenderBacklog");

/**
 * Announcements whose slides are being pre-rendered or waiting to be, and how many were
 * skipped. On globalThis: instrumentation and route handlers are bundled separately.
 */
function getBacklog(): { prerendering: number; skipped: number } {
  const global = globalThis as { [BACKLOG]?: { prerendering: number; skipped: number } };
  return (global[BACKLOG] ??= { prerendering: 0, skipped: 0 });
}

/** How many announcements' slides were left to render on request because the queue was full. */
export function getSkippedPrerenders(): number {
  return getBacklog().skipped;
}

/** Renders the common sizes at ingest and on edit, and removes a deleted announcement's images. */
export function startSlidePrerenderer(): void {
  const global = globalThis as { [STARTED]?: boolean };
  if (global[STARTED]) return;
  global[STARTED] = true;
  getEventBus().subscribe((event) => {
    if (event.type === "announcement.deleted") {
      void removeCachedSlides(getSlidesDir(), event.id).catch((error) => logger.warn("Could not remove slides of {id}: {error}", { id: event.id, error }));
      return;
    }
    const { announcement } = event;
    if (event.type === "announcement.updated") {
      void removeStaleSlides(getSlidesDir(), getSlideContent(announcement)).catch((error) => logger.warn("Could not remove old slides of {id}: {error}", { id: announcement.id, error }));
    }
    const backlog = getBacklog();
    if (backlog.prerendering >= MAX_BACKGROUND_SLIDES) {
      backlog.skipped++;
      logger.debug("Slide queue full; slides of {id} will render when first asked for.", { id: announcement.id });
      return;
    }
    backlog.prerendering++;
    void (async () => {
      for (const options of PRERENDER_SIZES) await getSlidePng(announcement, options, false);
    })()
      .catch((error) => logger.warn("Pre-rendering slides of {id} failed: {error}", { id: announcement.id, error }))
      .finally(() => backlog.prerendering--);
  });
}
