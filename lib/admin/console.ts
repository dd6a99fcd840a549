import { listAnnouncementsForAdmin } from "../announcements/listing";
import { getStore } from "../store";
import type { ScreenConfig } from "../signage/types";
import { listWaitingApprovals } from "./announcement-actions";
import type { AdminAnnouncementItem, AdminState, AuditEntry } from "../store/moderation-store";

const STATES = new Set<string>(["shown", "hidden", "reply", "expired"]);

/** The console's Announcements section: the 50 newest, filtered by state and account (unknown filters are ignored). */
export function listConsoleAnnouncements(state: string, account: string): Promise<AdminAnnouncementItem[]> {
  return listAnnouncementsForAdmin({ state: STATES.has(state) ? (state as AdminState) : undefined, account: account.slice(0, 300) || null, limit: 50 });
}

/** The console's Audit log section: the 30 latest operator actions. */
export function listConsoleAudit(): Promise<AuditEntry[]> {
  return getStore().moderation.listAudit({ limit: 30 });
}

/** The console's approval queues: for each screen that waits for approval, the posts waiting. */
export async function listConsoleApprovals(screens: ScreenConfig[]): Promise<{ screen: string; items: AdminAnnouncementItem[] }[]> {
  const queues = [];
  for (const screen of screens.filter((candidate) => candidate.approval)) {
    queues.push({ screen: screen.name, items: (await listWaitingApprovals(screen.name)).items });
  }
  return queues;
}
