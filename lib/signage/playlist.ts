import type { Announcement } from "../announcements/types";
import { getContentHash } from "../render/slide-cache";
import { formatSlideQuery } from "../render/slide-request";
import type { SlideOptions } from "../render/slide-themes";
import { getSlideDuration } from "./durations";
import { pickByClock } from "./rotation";
import { getSlideContent } from "../render/slide-service";

/** One slide in a screen's rotation. */
export interface PlaylistItem { id: string; title: string; url: string; duration: number }

export interface Playlist { screen: string; cycleSeconds: number; items: PlaylistItem[] }

export { getSlideDuration } from "./durations";

/** The rotation for a screen: slide URLs (versioned by content, so players refetch edits) with durations. */
export function buildPlaylist(screen: string, announcements: Announcement[], options: SlideOptions, publicUrl: string, durationOf: (announcement: Announcement) => number = getSlideDuration): Playlist {
  const items = announcements.map((announcement) => {
    const version = getContentHash(getSlideContent(announcement));
    return {
      id: announcement.id,
      title: `${announcement.account.name}: ${announcement.summary ?? announcement.text}`.replace(/\s+/g, " ").slice(0, 80),
      url: `${publicUrl}/api/announcements/${encodeURIComponent(announcement.id)}/slide.png?${formatSlideQuery(options)}&v=${version}`,
      duration: durationOf(announcement),
    };
  });
  return { screen, cycleSeconds: Math.round(items.reduce((sum, item) => sum + item.duration, 0) * 10) / 10, items };
}

/**
 * The slide showing now, chosen from the wall clock (the cycle starts at the Unix
 * epoch), so every screen asking at the same moment shows the same slide.
 */
export function pickCurrentItem(playlist: Playlist, nowMs: number): { item: PlaylistItem; secondsLeft: number } | null {
  const slot = pickByClock(playlist.items.map((item) => Math.round(item.duration * 1000)), nowMs);
  if (!slot) return null;
  return { item: playlist.items[slot.index]!, secondsLeft: Math.max(1, Math.ceil((slot.endMs - nowMs) / 1000)) };
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
