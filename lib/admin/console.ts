import { listAnnouncementsForAdmin } from "../announcements/listing";
import { getStore } from "../store";
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
