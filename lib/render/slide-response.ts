import type { Announcement } from "../announcements/types";
import { getSlideEtag, getSlidePng } from "./slide-service";
import type { SlideOptions } from "./slide-themes";

/**
 * A slide as an HTTP response: 304 when the client has this version (answered
 * without rendering: the ETag is a content hash), else the cached or freshly rendered PNG.
 */
export async function respondWithSlide(request: Request, announcement: Announcement, options: SlideOptions, extraHeaders: Record<string, string> = {}): Promise<Response> {
  const etag = getSlideEtag(announcement, options);
  const headers = { etag, "cache-control": "no-cache", ...extraHeaders };
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
    return new Response(null, { status: 304, headers });
  }
  const png = await getSlidePng(announcement, options);
  return new Response(new Uint8Array(png), { status: 200, headers: { ...headers, "content-type": "image/png", "content-length": String(png.byteLength) } });
}
