import type { Announcement } from "../announcements/types";
import { getEnv } from "../env";
import type { CapVersion } from "../store/cap-store";
import type { PushMessage } from "./push-delivery";

// "Cancelled" in the languages Crier's reader pages speak; others read English.
const CANCELLED: Record<string, string> = { en: "Cancelled", de: "Aufgehoben", fr: "Annulé", nl: "Ingetrokken", ja: "解除", mi: "Kua whakakorea" };
const EMERGENCY: Record<string, string> = { en: "Emergency", de: "Notfall", fr: "Urgence", nl: "Noodgeval", ja: "緊急", mi: "Ohotata" };

/** The notification for a CAP Alert (the emergency) or Cancel, in the post's language. */
export function toPushMessage(version: CapVersion, announcement: Announcement | null): PushMessage {
  const lang = version.language ?? "en";
  const base = lang.split("-")[0]!.toLowerCase();
  const { publicUrl } = getEnv();
  const url = `${publicUrl}/announcements/${encodeURIComponent(version.announcementId)}`;
  if (version.msgType === "Cancel" || !announcement) {
    return { kind: "cancel", announcementId: version.announcementId, lang, url, title: CANCELLED[base] ?? CANCELLED.en!, body: version.headline ?? "" };
  }
  const body = announcement.text.length > 1_000 ? `${announcement.text.slice(0, 999)}…` : announcement.text;
  return { kind: "emergency", announcementId: version.announcementId, lang, url, title: `${EMERGENCY[base] ?? EMERGENCY.en!}: ${version.headline ?? announcement.account.name}`, body };
}
