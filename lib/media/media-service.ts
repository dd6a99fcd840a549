import { statSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { getAnnouncement } from "../announcements/listing";
import { isPicture, parseMediaId, type MediaFormat, type MediaWidth } from "../announcements/media-paths";
import { hashRemoteUrl } from "../announcements/public-media";
import { getFileBudget } from "../cache/file-budget";
import { getEnv } from "../env";
import { getCrierLogger } from "../log";
import { fetchAttachmentImage } from "../render/fetch-attachment";
import { getRuntimePart } from "../runtime/registry";
import { getMediaFile, readMediaFile, writeMediaFile } from "./media-files";

const logger = getCrierLogger("media");

/** A picture that could not be had is tried again after this long (its server may be back). */
const RETRY_FAILED_MS = 10 * 60_000;
/** Larger originals are refused by sharp (a decompression bomb), as for slides. */
const MAX_INPUT_PIXELS = 40_000_000;
/** Bump when the encoders' settings change: the ETag (and so every cache) follows. */
const ENCODING_VERSION = "1";

const MEDIA_TYPES: Record<MediaFormat, string> = { avif: "image/avif", webp: "image/webp", jpg: "image/jpeg" };

/** One copy of a picture, ready to serve. */
export interface MediaCopy {
  bytes: Buffer;
  mediaType: string;
  /** Strong: the copy's id, width, format and encoder version name its bytes. */
  etag: string;
}

/** DATA_DIR/media. */
export function getMediaDir(): string {
  return path.join(getEnv().dataDir, "media");
}

/** DATA_DIR/media held within MEDIA_CACHE_BYTES, least recently used out. */
export function getMediaBudget() {
  return getFileBudget(getMediaDir(), getEnv().mediaCacheBytes);
}

/** Work in progress by file, shared by requests and the pre-maker (they are separate bundles). */
function getInFlight(): Map<string, Promise<Buffer | null>> {
  return getRuntimePart("media-in-flight", () => new Map<string, Promise<Buffer | null>>());
}

/** Counts pictures found unavailable, so page caches know their "picture not available" notes changed. */
function getGeneration(): { value: number } {
  return getRuntimePart("media-generation", () => ({ value: 0 }));
}

/** Changes whenever a picture is found unavailable (page caches include it in their keys). */
export function getMediaGeneration(): number {
  return getGeneration().value;
}

/** Whether a picture is known to be unavailable (its fetch or decoding failed recently). */
export function isPictureUnavailable(announcementId: string, remoteUrl: string): boolean {
  try {
    const stats = statSync(getMediaFile(getMediaDir(), announcementId, hashRemoteUrl(remoteUrl), "failed"));
    return Date.now() - stats.mtimeMs < RETRY_FAILED_MS;
  } catch {
    return false;
  }
}

/** A picture's original bytes: kept from the one fetch, or fetched now through the attachment guards; null when it cannot be had. */
export function getPictureSource(announcementId: string, remoteUrl: string): Promise<Buffer | null> {
  const file = getMediaFile(getMediaDir(), announcementId, hashRemoteUrl(remoteUrl), "source");
  return once(file, async () => {
    const kept = await readMediaFile(file);
    if (kept) {
      getMediaBudget().recordRead(file);
      return kept;
    }
    if (isPictureUnavailable(announcementId, remoteUrl)) return null;
    try {
      const { data } = await fetchAttachmentImage(remoteUrl);
      await writeMediaFile(file, data);
      getMediaBudget().recordWrite(file, data.byteLength);
      return Buffer.from(data);
    } catch (error) {
      await noteUnavailable(announcementId, remoteUrl, error);
      return null;
    }
  });
}

/** The picture a public id names, or null when there is none (unknown, or its announcement was deleted or hidden). */
export async function findPicture(mediaId: string): Promise<{ announcementId: string; remoteUrl: string } | null> {
  const parsed = parseMediaId(mediaId);
  if (!parsed) return null;
  const announcement = await getAnnouncement(parsed.announcementId);
  const picture = announcement?.attachments.find((attachment) => isPicture(attachment) && hashRemoteUrl(attachment.url) === parsed.hash);
  return announcement && picture ? { announcementId: announcement.id, remoteUrl: picture.url } : null;
}

/** The strong ETag of one copy: its id, width, format and the encoders' version name its bytes. */
export function getMediaEtag(mediaId: string, width: MediaWidth, format: MediaFormat): string {
  return `"${mediaId}-${width}-${format}-${ENCODING_VERSION}"`;
}

/** One copy of a picture by its public id, made on first request and kept; null when there is no such picture or it cannot be had. */
export async function getMediaCopy(mediaId: string, width: MediaWidth, format: MediaFormat): Promise<MediaCopy | null> {
  const picture = await findPicture(mediaId);
  if (!picture) return null;
  const bytes = await makeCopy(picture.announcementId, picture.remoteUrl, width, format);
  return bytes ? { bytes, mediaType: MEDIA_TYPES[format], etag: getMediaEtag(mediaId, width, format) } : null;
}

/** Makes (or reads) one copy of a picture. */
export function makeCopy(announcementId: string, remoteUrl: string, width: MediaWidth, format: MediaFormat): Promise<Buffer | null> {
  const file = getMediaFile(getMediaDir(), announcementId, hashRemoteUrl(remoteUrl), { width, format });
  return once(file, async () => {
    const kept = await readMediaFile(file);
    if (kept) {
      getMediaBudget().recordRead(file);
      return kept;
    }
    const source = await getPictureSource(announcementId, remoteUrl);
    if (!source) return null;
    try {
      const bytes = await encode(source, width, format);
      await writeMediaFile(file, bytes);
      getMediaBudget().recordWrite(file, bytes.byteLength);
      return bytes;
    } catch (error) {
      await noteUnavailable(announcementId, remoteUrl, error);
      return null;
    }
  });
}

/** Resizes to `width` (never enlarging), turned upright, first frame only, metadata dropped. */
async function encode(source: Buffer, width: MediaWidth, format: MediaFormat): Promise<Buffer> {
  const image = sharp(source, { limitInputPixels: MAX_INPUT_PIXELS, animated: false }).rotate().resize({ width, withoutEnlargement: true });
  if (format === "avif") return image.avif({ quality: 55, effort: 2 }).toBuffer();
  if (format === "webp") return image.webp({ quality: 75 }).toBuffer();
  return image.flatten({ background: "#ffffff" }).jpeg({ quality: 80, mozjpeg: true }).toBuffer();
}

async function noteUnavailable(announcementId: string, remoteUrl: string, error: unknown): Promise<void> {
  const reason = error instanceof Error ? error.message : String(error);
  logger.warn("Picture {url} of {id} is not available: {reason}", { url: remoteUrl, id: announcementId, reason });
  const file = getMediaFile(getMediaDir(), announcementId, hashRemoteUrl(remoteUrl), "failed");
  await writeMediaFile(file, new TextEncoder().encode(reason)).catch(() => undefined);
  getGeneration().value++;
}

/** Runs `work` once per file at a time: everyone asking meanwhile shares its answer. */
function once(file: string, work: () => Promise<Buffer | null>): Promise<Buffer | null> {
  const inFlight = getInFlight();
  const running = inFlight.get(file);
  if (running) return running;
  const promise = work().finally(() => inFlight.delete(file));
  inFlight.set(file, promise);
  return promise;
}
