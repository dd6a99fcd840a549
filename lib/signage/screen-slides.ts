import { listAnnouncements } from "../announcements/listing";
import type { Announcement } from "../announcements/types";
import { getEnv } from "../env";
import type { SlideOptions } from "../render/slide-themes";
import { assertKnownScreen, buildPlaylist, type Playlist } from "./playlist";

/** At most this many announcements rotate on a screen (the newest). */
const MAX_SLIDES = 100;

/** A screen's playlist and the announcements behind it (newest first). */
export async function getScreenPlaylist(screen: string, options: SlideOptions): Promise<{ playlist: Playlist; announcements: Announcement[] }> {
  assertKnownScreen(screen);
  const announcements = await listAnnouncements({ limit: MAX_SLIDES });
  return { playlist: buildPlaylist(screen, announcements, options, getEnv().publicUrl), announcements };
}
