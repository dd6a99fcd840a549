import { MEDIA_FORMATS, MEDIA_WIDTHS, type MediaFormat, type MediaWidth } from "../announcements/media-paths";
import { findPicture, getMediaCopy, getMediaEtag } from "./media-service";

/** A copy never changes under its URL (an edit that swaps the picture changes the id), so anyone may keep it a year. */
const IMMUTABLE = "public, max-age=31536000, immutable";

/** `960.webp` as a width and format Crier makes, or null. */
export function parseMediaFileName(name: string): { width: MediaWidth; format: MediaFormat } | null {
  const match = /^(\d{3,4})\.([a-z]{3,4})$/.exec(name);
  if (!match) return null;
  const width = Number(match[1]) as MediaWidth;
  const format = match[2] as MediaFormat;
  return MEDIA_WIDTHS.includes(width) && MEDIA_FORMATS.includes(format) ? { width, format } : null;
}

/**
 * /media/{id}/{width}.{format}: 404 unless the picture belongs to an announcement
 * shown now (a deleted or hidden one's pictures are gone at once, whatever a client
 * kept), 304 to a matching If-None-Match, else the copy, made on first request.
 */
export async function respondWithMedia(request: Request, mediaId: string, fileName: string): Promise<Response> {
  const notFound = (message: string) => Response.json({ error: message }, { status: 404, headers: { "cache-control": "no-store" } });
  const wanted = parseMediaFileName(fileName);
  if (!wanted) return notFound(`Pictures come in widths ${MEDIA_WIDTHS.join(", ")} as ${MEDIA_FORMATS.join(", ")}, e.g. 960.webp.`);
  if (!(await findPicture(mediaId))) return notFound("No such picture (its announcement may have been deleted).");
  const etag = getMediaEtag(mediaId, wanted.width, wanted.format);
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
    return new Response(null, { status: 304, headers: { etag, "cache-control": IMMUTABLE } });
  }
  const copy = await getMediaCopy(mediaId, wanted.width, wanted.format);
  if (!copy) return notFound("This picture is not available: its server did not give it, or it is not a picture Crier can read.");
  return new Response(new Uint8Array(copy.bytes), {
    status: 200,
    headers: { "content-type": copy.mediaType, "content-length": String(copy.bytes.byteLength), etag, "cache-control": IMMUTABLE, "x-content-type-options": "nosniff" },
  });
}
