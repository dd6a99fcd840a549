import type { Announcement } from "../announcements/types";
import { isSlideAbandoned, isSlideQueueFull } from "./slide-pool";
import { getSlideEtag, getSlidePng } from "./slide-service";
import type { SlideOptions } from "./slide-themes";

/** Seconds a client is asked to wait when the render queue is full: about what the queue takes to drain. */
const RETRY_AFTER_SECONDS = 5;

/**
 * A slide as an HTTP response: 304 when the client has this version (answered
 * without rendering: the ETag is a content hash), else the cached or freshly rendered
 * PNG; 503 with Retry-After when the render queue is full. The request's signal stops
 * the render when the client leaves (unless someone else waits for the same slide).
 */
export async function respondWithSlide(request: Request, announcement: Announcement, options: SlideOptions, extraHeaders: Record<string, string> = {}): Promise<Response> {
  const etag = getSlideEtag(announcement, options);
  const headers = { etag, "cache-control": "no-cache", "x-slide-size": `${options.width}x${options.height}`, ...extraHeaders };
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
    return new Response(null, { status: 304, headers });
  }
  try {
    const png = await getSlidePng(announcement, options, true, request.signal);
    return new Response(new Uint8Array(png), { status: 200, headers: { ...headers, "content-type": "image/png", "content-length": String(png.byteLength) } });
  } catch (error) {
    if (isSlideQueueFull(error)) {
      return Response.json({ error: error.message }, { status: 503, headers: { "retry-after": String(RETRY_AFTER_SECONDS), "cache-control": "no-store" } });
    }
    // Nobody reads this answer: the client has gone.
    if (request.signal.aborted || isSlideAbandoned(error)) return new Response(null, { status: 499 });
    throw error;
  }
}
