import type { Announcement } from "../announcements/types.ts";

/** What a slide shows, reduced from an Announcement; plain data so it can cross to the render worker. */
export interface SlideContent {
  id: string;
  /** The reader page, for the QR code when the text is cut. */
  readerUrl: string;
  accountName: string;
  handle: string;
  isOfficial: boolean;
  /** Who shared it, for a boost ("Shared by {name}"); null for the account's own post. */
  sharedBy: string | null;
  published: string;
  /** The zone the date is written in (TIME_ZONE); UTC when absent. */
  timeZone?: string;
  language: string;
  /** The content warning, shown as a heading. */
  summary: string | null;
  text: string;
  isEmergency: boolean;
  /** The first image attachment, if any; sensitive posts never show the picture itself. */
  image: { url: string; alt: string | null; isHidden: boolean } | null;
}

/** A decoded attachment image handed to the renderer (already fetched within limits). */
export interface SlideImage {
  data: Uint8Array;
  mediaType: string;
}

const RTL_SCRIPT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;
const RTL_LANGUAGES = new Set(["ar", "fa", "he", "ur", "ps", "yi", "dv", "ckb"]);

/** Reduces an announcement to what its slide shows. */
export function toSlideContent(announcement: Announcement, publicUrl: string, timeZone = "UTC"): SlideContent {
  const image = announcement.attachments.find((attachment) => isImageAttachment(attachment.url, attachment.mediaType));
  return {
    id: announcement.id,
    readerUrl: `${publicUrl}/announcements/${encodeURIComponent(announcement.id)}`,
    accountName: announcement.account.name || announcement.account.handle,
    handle: announcement.account.handle,
    isOfficial: announcement.account.official,
    sharedBy: announcement.sharedBy ? announcement.sharedBy.name || announcement.sharedBy.handle : null,
    published: announcement.published,
    timeZone,
    language: announcement.language,
    summary: announcement.summary?.trim() || null,
    text: announcement.text.trim(),
    isEmergency: announcement.priority === "emergency",
    image: image ? { url: image.url, alt: image.alt?.trim() || null, isHidden: announcement.sensitive } : null,
  };
}

/** Whether text should be laid out right to left (by its language, or its first strong characters). */
export function isRightToLeft(content: Pick<SlideContent, "language" | "text">): boolean {
  const primary = content.language.toLowerCase().split("-")[0] ?? "";
  if (RTL_LANGUAGES.has(primary)) return true;
  const firstLetters = content.text.replace(/[^\p{L}]/gu, "").slice(0, 40);
  return RTL_SCRIPT.test(firstLetters.slice(0, 1)) || (firstLetters.match(new RegExp(RTL_SCRIPT, "g"))?.length ?? 0) > firstLetters.length / 2;
}

function isImageAttachment(url: string, mediaType: string | null): boolean {
  if (mediaType) return /^image\/(png|jpeg|gif|webp|avif)$/i.test(mediaType);
  return /\.(png|jpe?g|gif|webp|avif)(\?|$)/i.test(url);
}
