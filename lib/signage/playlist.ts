import type { Announcement } from "../announcements/types";
import { HttpError } from "../http/responses";
import { getContentHash } from "../render/slide-cache";
import { formatSlideQuery } from "../render/slide-request";
import type { SlideOptions } from "../render/slide-themes";
import { getSlideContent } from "../render/slide-service";

/** One slide in a screen's rotation. */
export interface PlaylistItem { id: string; title: string; url: string; duration: number }

export interface Playlist { screen: string; cycleSeconds: number; items: PlaylistItem[] }

/** Screens that exist. Only `default` (everything) until the signage configuration arrives. */
export function assertKnownScreen(screen: string): void {
  if (screen !== "default") throw new HttpError(404, `No screen called "${screen.slice(0, 60)}"; only "default" exists in this version.`);
}

/** Seconds a slide stays up: long enough to read it aloud slowly, 10 s plus 0.4 s a word, at most a minute. */
export function getSlideDuration(announcement: Announcement): number {
  const words = countWords(`${announcement.summary ?? ""} ${announcement.text} ${announcement.attachments.map((a) => a.alt ?? "").join(" ")}`);
  return Math.min(60, Math.round((10 + 0.4 * words) * 10) / 10);
}

/** The rotation for a screen: slide URLs (versioned by content, so players refetch edits) with durations. */
export function buildPlaylist(screen: string, announcements: Announcement[], options: SlideOptions, publicUrl: string): Playlist {
  const items = announcements.map((announcement) => {
    const version = getContentHash(getSlideContent(announcement));
    return {
      id: announcement.id,
      title: `${announcement.account.name}: ${announcement.summary ?? announcement.text}`.replace(/\s+/g, " ").slice(0, 80),
      url: `${publicUrl}/api/announcements/${encodeURIComponent(announcement.id)}/slide.png?${formatSlideQuery(options)}&v=${version}`,
      duration: getSlideDuration(announcement),
    };
  });
  return { screen, cycleSeconds: Math.round(items.reduce((sum, item) => sum + item.duration, 0) * 10) / 10, items };
}

/**
 * The slide showing now, chosen from the wall clock (the cycle starts at the Unix
 * epoch), so every screen asking at the same moment shows the same slide.
 */
export function pickCurrentItem(playlist: Playlist, nowMs: number): { item: PlaylistItem; secondsLeft: number } | null {
  const cycleMs = Math.round(playlist.cycleSeconds * 1000);
  if (playlist.items.length === 0 || cycleMs <= 0) return null;
  let offset = nowMs % cycleMs;
  for (const item of playlist.items) {
    const ms = Math.round(item.duration * 1000);
    if (offset < ms) return { item, secondsLeft: Math.ceil((ms - offset) / 1000) };
    offset -= ms;
  }
  const last = playlist.items[playlist.items.length - 1]!;
  return { item: last, secondsLeft: 1 };
}

/** The playlist as M3U (`#EXTINF` carries the duration), which Anthias, VLC and many players read. */
export function formatM3u(playlist: Playlist): string {
  const lines = ["#EXTM3U", `#PLAYLIST:Crier ${playlist.screen}`];
  for (const item of playlist.items) lines.push(`#EXTINF:${Math.round(item.duration)},${item.title.replace(/[\r\n,]/g, " ")}`, item.url);
  return `${lines.join("\n")}\n`;
}

/** The playlist as plain text: one "URL<TAB>seconds" line per slide. */
export function formatPlainList(playlist: Playlist): string {
  return playlist.items.map((item) => `${item.url}\t${item.duration}\n`).join("");
}

function countWords(text: string): number {
  let words = 0;
  for (const part of new Intl.Segmenter(undefined, { granularity: "word" }).segment(text)) if (part.isWordLike) words++;
  return words;
}
