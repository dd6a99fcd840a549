import type { Announcement } from "../announcements/types";
import { getEnv } from "../env";
import type { SlideOptions } from "../render/slide-themes";
import { getSlideDuration } from "./durations";
import { getScreenFeed } from "./feed";
import { buildPlaylist, pickCurrentItem, type Playlist, type PlaylistItem } from "./playlist";

/**
 * A screen's playlist and the announcements behind it (newest first). While an
 * emergency holds the screen, the playlist is the emergencies alone.
 */
export async function getScreenPlaylist(screen: string, options: SlideOptions): Promise<{ playlist: Playlist; announcements: Announcement[] }> {
  const feed = await getScreenFeed(screen);
  const emergencies = feed.items.filter((item) => item.priority === "emergency");
  const announcements = emergencies.length > 0 ? emergencies : feed.items;
  const durationOf = (announcement: Announcement) => feed.screen.slideSeconds ?? getSlideDuration(announcement);
  return { playlist: buildPlaylist(screen, announcements, options, getEnv().publicUrl, durationOf), announcements };
}

/** The slide a screen's rotation shows at `nowMs` (what current.png draws), with its announcement; null when it has none to show. */
export async function getCurrentSlide(screen: string, options: SlideOptions, nowMs: number): Promise<{ item: PlaylistItem; secondsLeft: number; announcement: Announcement } | null> {
  const { playlist, announcements } = await getScreenPlaylist(screen, options);
  const current = pickCurrentItem(playlist, nowMs);
  const announcement = current && announcements.find((item) => item.id === current.item.id);
  return current && announcement ? { ...current, announcement } : null;
}
