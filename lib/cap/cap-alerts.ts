import { getAnnouncement } from "../announcements/listing";
import { getEnv } from "../env";
import { getCrierLogger } from "../log";
import { getScreenFeed } from "../signage/feed";
import { getStore } from "../store";
import type { CapMessageType, CapVersion } from "../store/cap-store";
import { findActiveAlerts, fingerprintAlert, type ActiveAlert } from "./active-alerts";
import { buildCapDocument } from "./cap-document";
import { firstSentence, formatCapDate } from "./cap-text";
import { queuePushMessage } from "../push/push-delivery";
import { toPushMessage } from "../push/push-message";

// CAP out. Crier publishes a CAP message when someone reads its alerts and the
// emergencies differ from what it last published: an Alert for a new one, an Update
// when one changed, a Cancel when one was deleted, hidden, stopped being an emergency
// or expired. Each message is recorded in the store (cap_versions), so identifiers,
// `sent` times and `references` stay the same on every read and every instance; two
// instances racing to record the same message agree, because the first one wins.

const logger = getCrierLogger("cap");

/** How long a Cancel stays in the Atom index, so pollers that come by now and then still see it. */
const CANCEL_LISTED_MS = 24 * 60 * 60_000;
/** The most entries the Atom index lists (newest first). */
export const MAX_INDEX_ENTRIES = 100;

/** What a sync saw: the announcements with an open alert now, and whether any screen has emergency lists of its own. */
export interface CapSyncSummary {
  openIds: Set<string>;
  hasScreenLists: boolean;
}

let syncing: Promise<CapSyncSummary> | null = null;

/** Records the CAP messages the current emergencies call for; concurrent callers in this process share one run. */
export function syncCapAlerts(nowMs = Date.now()): Promise<CapSyncSummary> {
  syncing ??= recordChanges(nowMs).finally(() => (syncing = null));
  return syncing;
}

async function recordChanges(nowMs: number): Promise<CapSyncSummary> {
  const { cap: settings } = getEnv();
  const store = getStore().cap;
  const { active, hasScreenLists } = await findActiveAlerts(settings, nowMs);
  const latest = new Map((await store.listLatestVersions()).map((version) => [version.announcementId, version]));
  for (const [id, alert] of active) {
    const last = latest.get(id);
    const fingerprint = fingerprintAlert(alert, settings);
    if (last && last.msgType !== "Cancel" && last.fingerprint === fingerprint) continue;
    await record(id, last, last && last.msgType !== "Cancel" ? "Update" : "Alert", fingerprint, alert, nowMs);
  }
  for (const [id, last] of latest) {
    if (last.msgType !== "Cancel" && !active.has(id)) await record(id, last, "Cancel", "cancel", null, nowMs);
  }
  return { openIds: new Set(active.keys()), hasScreenLists };
}

async function record(announcementId: string, last: CapVersion | undefined, msgType: CapMessageType, fingerprint: string, alert: ActiveAlert | null, nowMs: number) {
  const seq = (last?.seq ?? 0) + 1;
  const announcement = alert?.announcement ?? null;
  const version: CapVersion = {
    announcementId, seq, msgType, fingerprint,
    identifier: `crier-${announcementId}-${seq}`,
    // Never before the previous message: a reader orders messages by `sent`.
    sent: formatCapDate(Math.max(nowMs, last ? Date.parse(last.sent) + 1000 : 0)),
    expires: alert ? formatCapDate(alert.expiresMs) : null,
    language: announcement?.language ?? last?.language ?? null,
    headline: announcement ? firstSentence(announcement.summary ?? announcement.text) : (last?.headline ?? null),
  };
  // The instance that records a message is the one that tells residents' phones (once, whichever instance it is).
  if (!(await getStore().cap.addVersion(version))) return;
  logger.info("Published CAP {msgType} {identifier}.", { msgType, identifier: version.identifier });
  if (msgType === "Update") return;
  await queuePushMessage(toPushMessage(version, announcement)).catch((error) => {
    logger.error("Could not queue the push for {identifier}: {error}", { identifier: version.identifier, error });
  });
}

/** The CAP document of an announcement's newest message, or null when Crier never published one about it. */
export async function getCapDocument(announcementId: string): Promise<string | null> {
  await syncCapAlerts();
  return renderLatestCapDocument(announcementId);
}

/** The document of the newest message recorded about an announcement (no new messages recorded first). */
export async function renderLatestCapDocument(announcementId: string): Promise<string | null> {
  const versions = await getStore().cap.listVersions(announcementId);
  const version = versions.at(-1);
  if (!version) return null;
  const announcement = version.msgType === "Cancel" ? null : await getAnnouncement(announcementId);
  const { cap: settings, publicUrl } = getEnv();
  return buildCapDocument({ version, earlier: versions.slice(0, -1), announcement, settings, publicUrl });
}

/** The CAP document of the emergency taking over a screen now (its newest), or null when there is none. */
export async function getScreenCapDocument(screen: string, nowMs = Date.now()): Promise<string | null> {
  const feed = await getScreenFeed(screen, nowMs);
  const emergency = feed.items.find((item) => item.priority === "emergency");
  return emergency ? getCapDocument(emergency.id) : null;
}

/** The messages the Atom index lists: each open alert's newest, and Cancels of the last day; newest first. */
export async function listIndexedVersions(nowMs = Date.now()): Promise<CapVersion[]> {
  await syncCapAlerts(nowMs);
  const latest = await getStore().cap.listLatestVersions();
  return latest.filter((version) => version.msgType !== "Cancel" || nowMs - Date.parse(version.sent) < CANCEL_LISTED_MS).slice(0, MAX_INDEX_ENTRIES);
}
