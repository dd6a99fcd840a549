import type { Attachment } from "./types";

// The paths of pictures served from Crier's own origin, without Node's crypto, so
// client components (the signage slide) can build a srcset too. Ids: public-media.ts.

/** The widths every picture is made in: a phone, a tablet or laptop, a kiosk screen. */
export const MEDIA_WIDTHS = [480, 960, 1920] as const;

/** Best first: AVIF, then WebP, then JPEG for everything else. */
export const MEDIA_FORMATS = ["avif", "webp", "jpg"] as const;

export type MediaWidth = (typeof MEDIA_WIDTHS)[number];
export type MediaFormat = (typeof MEDIA_FORMATS)[number];

/** The `sizes` of a reader page's picture: the text column is at most about 40em wide. */
export const READER_PICTURE_SIZES = "(max-width: 44em) 100vw, 44em";

const MEDIA_ID = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{16})$/;

/** Whether an attachment is a picture Crier can resize (by its type, or its file name when untyped). */
export function isPicture(attachment: Pick<Attachment, "url" | "mediaType">): boolean {
  if (attachment.mediaType) return /^image\/(png|jpeg|gif|webp|avif)$/i.test(attachment.mediaType);
  return /\.(png|jpe?g|gif|webp|avif)(\?|$)/i.test(attachment.url);
}

/** Splits a media id into its announcement id and picture hash, or null when it is not one. */
export function parseMediaId(mediaId: string): { announcementId: string; hash: string } | null {
  const match = MEDIA_ID.exec(mediaId);
  return match ? { announcementId: match[1]!, hash: match[2]! } : null;
}

/** The path of one copy of a picture. */
export function getMediaPath(mediaId: string, width: MediaWidth, format: MediaFormat): string {
  return `/media/${mediaId}/${width}.${format}`;
}

/** A `srcset` of every width in one format; `origin` is "" for same-origin pages. */
export function getMediaSrcset(mediaId: string, format: MediaFormat, origin = ""): string {
  return MEDIA_WIDTHS.map((width) => `${origin}${getMediaPath(mediaId, width, format)} ${width}w`).join(", ");
}

/** Turns one copy's URL (as toPublicAnnouncement gives it) into a srcset of one format, or null for a URL that is not ours. */
export function srcsetFromMediaUrl(url: string, format: MediaFormat): string | null {
  const match = /^(.*\/media\/[A-Za-z0-9_.-]+\/)\d+\.(?:avif|webp|jpg)$/.exec(url);
  if (!match) return null;
  return MEDIA_WIDTHS.map((width) => `${match[1]}${width}.${format} ${width}w`).join(", ");
}
