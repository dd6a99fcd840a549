// Pure: applies one live event to the list a screen shows (the browser runs this on
// every Server-Sent Event, so a thousand screens do not each refetch the list).
import type { Announcement } from "../announcements/types";
import { isEmergencyActive, isEmergencyFor, isShownOn } from "./screen-match";
import type { ScreenConfig } from "./types";

/** The events of GET /api/events that change what a screen shows. */
export type ScreenEvent =
  | { type: "announcement.created" | "announcement.updated"; announcement: Announcement }
  | { type: "announcement.deleted"; id: string };

/** At most this many normal slides rotate (as the feed route). */
const MAX_NORMAL = 100;

/**
 * The screen's list after an event: created and edited announcements go in (with
 * this screen's priority) when the screen shows them, and leave when an edit takes
 * them out of its lists; deleted ones leave. Newest first.
 */
export function applyScreenEvent(items: Announcement[], event: ScreenEvent, screen: ScreenConfig, nowMs: number): Announcement[] {
  const id = event.type === "announcement.deleted" ? event.id : event.announcement.id;
  const rest = items.filter((item) => item.id !== id);
  if (event.type === "announcement.deleted") return rest.length === items.length ? items : rest;
  const announcement = event.announcement;
  let priority: Announcement["priority"] | null = null;
  if (isEmergencyActive(announcement, screen, nowMs)) priority = "emergency";
  else if (isShownOn(announcement, screen) && !isEmergencyFor(announcement, screen)) priority = "normal";
  if (priority === null) return rest.length === items.length ? items : rest;
  // On a screen whose posts wait for approval, only the feed says which are approved: a
  // post the screen does not show yet is not added here (the page fetches the feed instead).
  if (priority === "normal" && screen.approval && rest.length === items.length) return items;
  const next = [...rest, { ...announcement, priority }].sort(byNewest);
  let normal = 0;
  return next.filter((item) => item.priority === "emergency" || ++normal <= MAX_NORMAL);
}

/** Emergencies still holding the screen at `nowMs`, newest first. */
export function getActiveEmergencies(items: Announcement[], screen: ScreenConfig, nowMs: number): Announcement[] {
  return items.filter((item) => item.priority === "emergency" && isEmergencyActive(item, screen, nowMs));
}

/** Pinned first (an operator's choice heads every rotation), then newest first. */
function byNewest(a: Announcement, b: Announcement): number {
  if (Boolean(a.pinned) !== Boolean(b.pinned)) return a.pinned ? -1 : 1;
  return a.published < b.published ? 1 : a.published > b.published ? -1 : a.id < b.id ? 1 : -1;
}
