import type { Announcement } from "../announcements/types";
import { listAnnouncements } from "../announcements/listing";
import { getStore } from "../store";
import { isEmergencyFor, isShownOn } from "./screen-match";
import { MAX_SLIDES } from "./screen-config";
import type { ScreenConfig } from "./types";

// A screen with `approval: true` shows a new post only once an operator approved it for
// that screen; its emergency accounts and hashtags never wait. Turning approval on for a
// screen approves what it shows at that moment, so it never goes blank. Decisions are
// kept per screen.

/** How far back a screen's approval queue looks. */
const SCAN_LIMIT = 500;

/** Every announcement the screen would show, split into those it may show and those waiting for an operator. */
export async function getScreenFeedCandidates(screen: ScreenConfig): Promise<{ shown: Announcement[]; waiting: Announcement[] }> {
  const recent = await listAnnouncements({ limit: SCAN_LIMIT });
  const candidates = recent.filter((announcement) => isEmergencyFor(announcement, screen) || isShownOn(announcement, screen));
  if (!screen.approval) return { shown: candidates, waiting: [] };
  const decisions = await getStore().moderation.listApprovals(screen.name);
  const shown: Announcement[] = [];
  const waiting: Announcement[] = [];
  for (const announcement of candidates) {
    const decision = decisions.get(announcement.id);
    if (isEmergencyFor(announcement, screen) || decision === "approved") shown.push(announcement);
    else if (decision === undefined) waiting.push(announcement);
  }
  return { shown, waiting };
}

/** Whether a screen with approval on may show a (non-emergency) post: approved for it; null when the screen does not ask for approval. */
export async function getApprovalCheck(screen: ScreenConfig): Promise<((announcement: Announcement) => boolean) | null> {
  if (!screen.approval) return null;
  const decisions = await getStore().moderation.listApprovals(screen.name);
  return (announcement) => decisions.get(announcement.id) === "approved";
}

/**
 * Approves for a screen what it shows now (its newest MAX_SLIDES under its settings with
 * approval still off), as approval is turned on: only posts arriving after wait. Answers how many.
 */
export async function approveWhatScreenShows(screen: ScreenConfig): Promise<number> {
  const shown = (await getScreenFeedCandidates({ ...screen, approval: false })).shown.slice(0, MAX_SLIDES);
  for (const announcement of shown) await getStore().moderation.setApproval(screen.name, announcement.id, "approved");
  return shown.length;
}
