import { getAnnouncement, listAnnouncements } from "../announcements/listing";
import { getEnv } from "../env";
import type { Announcement } from "../announcements/types";
import { getSpeechPlan } from "./speech-plans";
import type { ListenItem } from "./listen-types";
import { joinSpeechScript } from "./script";

export type { ListenItem } from "./listen-types";

async function describeListenItem(announcement: Announcement): Promise<ListenItem> {
  const { timeZone } = getEnv();
  const plan = await getSpeechPlan(announcement);
  return {
    id: announcement.id,
    language: announcement.language,
    accountName: announcement.account.name,
    published: announcement.published,
    dateLabel: new Date(announcement.published).toLocaleDateString("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone }),
    summary: announcement.summary,
    paragraphs: announcement.text.split(/\n{2,}/).map((paragraph) => paragraph.trim()).filter(Boolean),
    imageDescriptions: announcement.attachments.map((attachment) => attachment.alt),
    audioUrl: plan.kind === "server" ? `/api/announcements/${encodeURIComponent(announcement.id)}/audio.mp3` : null,
    deviceScript: plan.kind === "device" ? joinSpeechScript(plan.script) : null,
  };
}

/** The newest announcements for /listen, and where to start: the one asked for by id (added if older), else the newest. */
export async function listListenItems(startId: string | null, limit = 50): Promise<{ items: ListenItem[]; startIndex: number }> {
  const announcements = await listAnnouncements({ limit });
  if (startId && !announcements.some((announcement) => announcement.id === startId)) {
    const asked = await getAnnouncement(startId);
    if (asked) announcements.unshift(asked);
  }
  const items = await Promise.all(announcements.map(describeListenItem));
  const startIndex = Math.max(0, items.findIndex((item) => item.id === startId));
  return { items, startIndex };
}
