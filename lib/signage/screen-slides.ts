import type { Announcement } from "../announcements/types";
import { getEnv } from "../env";
import type { SlideOptions } from "../render/slide-themes";
import { getSlideDuration } from "./durations";
import { getScreenFeed } from "./feed";
import { buildPlaylist, type Playlist } from "./playlist";

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
