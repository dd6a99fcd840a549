import { escapeHtml } from "../announcements/as-values";
import { getMediaPath, isPicture } from "../announcements/media-paths";
import { getMediaId } from "../announcements/public-media";
import type { Announcement } from "../announcements/types";

/** What every feed format needs: who it is for, where it lives, and the items. */
export interface FeedSource {
  title: string;
  description: string;
  /** The HTML page the feed mirrors. */
  pageUrl: string;
  /** This feed's own URL. */
  selfUrl: string;
  language: string;
  items: Announcement[];
}

/** The link an item points to: our own page for it (always readable, large print). */
export function getItemUrl(origin: string, announcement: Announcement): string {
  return `${origin}/announcements/${encodeURIComponent(announcement.id)}`;
}

/** A short plain-text title: the content warning when there is one, else the first words. */
export function getItemTitle(announcement: Announcement): string {
  const source = announcement.summary ?? announcement.text;
  const firstLine = source.split("\n").find((line) => line.trim()) ?? "";
  const title = firstLine.trim();
  return title.length > 90 ? `${title.slice(0, 89).trimEnd()}…` : title || announcement.account.name;
}

/** An item's pictures as served from Crier's own origin (a 960-pixel JPEG: every feed reader shows JPEG). */
export function getItemPictures(origin: string, announcement: Announcement): { url: string; alt: string }[] {
  return announcement.attachments.filter(isPicture).map((attachment) => ({
    url: `${origin}${getMediaPath(getMediaId(announcement.id, attachment.url), 960, "jpg")}`,
    alt: attachment.alt ?? "",
  }));
}

/** The HTML body of an item: the warning first, then the text and the pictures (from Crier's origin) with their descriptions. */
export function getItemHtml(origin: string, announcement: Announcement): string {
  const warning = announcement.summary ? `<p><strong>${escapeHtml(announcement.summary)}</strong></p>` : "";
  const pictures = getItemPictures(origin, announcement)
    .map((picture) => `<p><img src="${escapeHtml(picture.url)}" alt="${escapeHtml(picture.alt)}"></p>`)
    .join("");
  // announcement.html is sanitised at ingest; it goes in as it is.
  return `${warning}${announcement.html}${pictures}`;
}
