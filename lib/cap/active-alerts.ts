import { createHash } from "node:crypto";
import { listAnnouncements } from "../announcements/listing";
import type { Announcement } from "../announcements/types";
import type { Env } from "../env";
import { getScreenFeed } from "../signage/feed";
import { listScreenConfigs } from "../signage/screens";
import { severityOf } from "./cap-document";

/** How far back Crier looks for emergencies (the read API's longest list, shared with filtered screens). */
const SCAN_LIMIT = 500;

export interface ActiveAlert {
  announcement: Announcement;
  /** When the alert stops holding: its last edit plus CAP_ALERT_MINUTES, or the longest screen's emergency minutes. */
  expiresMs: number;
}

/**
 * The announcements that are emergencies now: everywhere (EMERGENCY_ACCOUNTS,
 * EMERGENCY_HASHTAGS, a CAP source's alert) until CAP_ALERT_MINUTES after their last
 * edit, and those taking over some screen by its own lists, until that screen lets go.
 */
export async function findActiveAlerts(settings: Env["cap"], nowMs: number): Promise<{ active: Map<string, ActiveAlert>; hasScreenLists: boolean }> {
  const active = new Map<string, ActiveAlert>();
  const hold = (announcement: Announcement, expiresMs: number) => {
    if (nowMs >= expiresMs) return;
    const known = active.get(announcement.id);
    if (!known || known.expiresMs < expiresMs) active.set(announcement.id, { announcement, expiresMs });
  };
  const global = new Set<string>();
  for (const announcement of await listAnnouncements({ limit: SCAN_LIMIT })) {
    if (announcement.priority !== "emergency") continue;
    global.add(announcement.id);
    hold(announcement, lastChangeMs(announcement) + settings.alertMinutes * 60_000);
  }
  let hasScreenLists = false;
  for (const screen of await listScreenConfigs()) {
    if (screen.emergencyAccounts.length === 0 && screen.emergencyHashtags.length === 0) continue;
    hasScreenLists = true;
    const feed = await getScreenFeed(screen.name, nowMs);
    for (const item of feed.items) {
      // A global emergency keeps its own (CAP_ALERT_MINUTES) window; one by a screen's lists, the screen's.
      if (item.priority === "emergency" && !global.has(item.id)) hold(item, lastChangeMs(item) + screen.emergencyMinutes * 60_000);
    }
  }
  return { active, hasScreenLists };
}

/** What a CAP message says about an announcement: a new one is published only when this changes. */
export function fingerprintAlert(alert: ActiveAlert, settings: Env["cap"]): string {
  const { announcement } = alert;
  const shown = [announcement.text, announcement.summary, announcement.language, announcement.account.name, severityOf(announcement, settings), Math.floor(alert.expiresMs / 1000)];
  return createHash("sha256").update(JSON.stringify(shown)).digest("hex").slice(0, 32);
}

function lastChangeMs(announcement: Announcement): number {
  return Date.parse(announcement.updated ?? announcement.published);
}
