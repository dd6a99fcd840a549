import { escapeHtml } from "../announcements/as-values";
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

/** The HTML body of an item: the warning first, then the text and the picture descriptions. */
export function getItemHtml(announcement: Announcement): string {
  const warning = announcement.summary ? `<p><strong>${escapeHtml(announcement.summary)}</strong></p>` : "";
  const pictures = announcement.attachments
    .map((attachment) => `<p><img src="${escapeHtml(attachment.url)}" alt="${escapeHtml(attachment.alt ?? "")}"></p>`)
    .join("");
  // announcement.html is sanitised at ingest; it goes in as it is.
  return `${warning}${announcement.html}${pictures}`;
}
