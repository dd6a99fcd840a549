import type { Announcement } from "../announcements/types";
import { listAnnouncements } from "../announcements/listing";
import { toPublicAnnouncement } from "../announcements/public-media";
import { getEnv } from "../env";
import { isEmergencyActive, isEmergencyFor, isShownOn } from "./screen-match";
import { getScreenConfig } from "./screens";
import { getApprovalCheck } from "./approvals";
import { MAX_SLIDES } from "./screen-config";
import type { ScreenConfig } from "./types";

/** How far back a filtered screen looks for its announcements (one cached read, shared by every poll until something changes). */
const SCAN_LIMIT = 500;

/** What the signage page needs: the screen's settings and its announcements, priority set for this screen. */
export interface ScreenFeed {
  screen: ScreenConfig;
  /** Newest first; emergencies for this screen carry `priority: "emergency"`. */
  items: Announcement[];
}

/**
 * A screen's announcements. `priority` is per screen: an announcement is an
 * emergency on the screens that list its account or hashtag as emergencies, and
 * `normal` everywhere else (and in /api/announcements, which has no screen).
 */
// The server's clock travels in the X-Server-Time header, so the body (and its ETag) only changes with the content.
export async function getScreenFeed(name: string, nowMs = Date.now()): Promise<ScreenFeed> {
  const { createdAt: _created, updatedAt: _updated, ...screen } = await getScreenConfig(name);
  const isEverything = screen.accounts.length === 0 && screen.hashtags.length === 0;
  const hasEmergencies = screen.emergencyAccounts.length > 0 || screen.emergencyHashtags.length > 0;
  const mayShow = await getApprovalCheck(screen);
  const isFiltered = mayShow !== null || Boolean(screen.excludeHashtags?.length || screen.excludeWords?.length || screen.excludeContentWarnings);
  const recent = await listAnnouncements({ limit: isEverything && !hasEmergencies && !isFiltered ? MAX_SLIDES : SCAN_LIMIT });
  const items: Announcement[] = [];
  let normalCount = 0;
  for (const announcement of recent) {
    if (isEmergencyActive(announcement, screen, nowMs)) items.push({ ...announcement, priority: "emergency" });
    else if (normalCount < MAX_SLIDES && isShownOn(announcement, screen) && !isEmergencyFor(announcement, screen)
      && (mayShow === null || mayShow(announcement))) {
      normalCount++;
      items.push({ ...announcement, priority: "normal" });
    }
  }
  return { screen, items };
}

/** A screen's feed as the screen gets it: pictures from Crier's own origin, never the council's server. */
export async function getPublicScreenFeed(name: string, nowMs = Date.now()): Promise<ScreenFeed> {
  const feed = await getScreenFeed(name, nowMs);
  const origin = getEnv().publicUrl;
  return { ...feed, items: feed.items.map((announcement) => toPublicAnnouncement(announcement, origin)) };
}
