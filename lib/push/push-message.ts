import type { Announcement } from "../announcements/types";
import { getEnv } from "../env";
import type { CapVersion } from "../store/cap-store";
import type { PushMessage } from "./push-delivery";
import { MAX_PUSH_PAYLOAD } from "./web-push-crypto";

// "Cancelled" in the languages Crier's reader pages speak; others read English.
const CANCELLED: Record<string, string> = { en: "Cancelled", de: "Aufgehoben", fr: "Annulé", nl: "Ingetrokken", ja: "解除", mi: "Kua whakakorea" };
const EMERGENCY: Record<string, string> = { en: "Emergency", de: "Notfall", fr: "Urgence", nl: "Noodgeval", ja: "緊急", mi: "Ohotata" };

/** The notification's title in the resident's language where Crier has the word, else the post's, else English. */
export function titleFor(message: PushMessage, subscriberLanguage: string | null): string {
  const words = message.kind === "cancel" ? CANCELLED : EMERGENCY;
  const base = (tag: string | null) => tag?.split("-")[0]!.toLowerCase() ?? "";
  const word = words[base(subscriberLanguage)] ?? words[base(message.lang)] ?? words.en!;
  return message.headline ? `${word}: ${message.headline}` : word;
}

/** A message whose JSON fits one push record (MAX_PUSH_PAYLOAD bytes, not characters: 緊急 is 6 bytes), the body cut at a character. */
export function fitPushMessage(message: PushMessage): PushMessage {
  let fitted = message;
  while (Buffer.byteLength(JSON.stringify(fitted)) > MAX_PUSH_PAYLOAD && fitted.body.length > 0) {
    const over = Buffer.byteLength(JSON.stringify(fitted)) - MAX_PUSH_PAYLOAD;
    const chars = [...fitted.body];
    fitted = { ...fitted, body: `${chars.slice(0, Math.max(0, chars.length - Math.max(1, Math.ceil(over / 4)) - 1)).join("")}…` };
  }
  return fitted;
}

/** The notification for a CAP Alert (the emergency) or Cancel; the title is written per resident when sent. */
export function toPushMessage(version: CapVersion, announcement: Announcement | null): PushMessage {
  const lang = version.language ?? "en";
  const base = lang.split("-")[0]!.toLowerCase();
  const { publicUrl } = getEnv();
  const url = `${publicUrl}/announcements/${encodeURIComponent(version.announcementId)}`;
  if (version.msgType === "Cancel" || !announcement) {
    return { kind: "cancel", announcementId: version.announcementId, lang, url, headline: "", body: version.headline ?? "" };
  }
  const body = announcement.text.length > 1_000 ? `${announcement.text.slice(0, 999)}…` : announcement.text;
  return { kind: "emergency", announcementId: version.announcementId, lang, url, headline: version.headline ?? announcement.account.name ?? "", body };
}
