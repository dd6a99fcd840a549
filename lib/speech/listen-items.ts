import { getAnnouncement, listAnnouncements } from "../announcements/listing";
import { getEnv } from "../env";
import type { Announcement } from "../announcements/types";
import { getSpeechPlan } from "./speech-plans";
import type { ListenItem } from "./listen-types";
import { joinSpeechScript } from "./script";

export type { ListenItem } from "./listen-types";

/** How many words of an announcement its list entry quotes. */
const FIRST_WORDS = 8;
const MAX_QUOTE_CHARACTERS = 60;

/** The first few words of the content warning, else the text, with "…" when there is more. */
export function getFirstWords(announcement: Pick<Announcement, "summary" | "text">, count = FIRST_WORDS): string {
  const words = (announcement.summary?.trim() || announcement.text).split(/\s+/).filter(Boolean);
  const quoted = words.length > count ? `${words.slice(0, count).join(" ")}…` : words.join(" ");
  // Scripts written without spaces (Japanese) are one "word": cut those by characters.
  return [...quoted].length > MAX_QUOTE_CHARACTERS ? `${[...quoted].slice(0, MAX_QUOTE_CHARACTERS - 1).join("").trimEnd()}…` : quoted;
}

/** Names every item by account, date, time and first words; a name that still repeats gets its position among its twins. */
export function nameListItems<T extends { accountName: string; dateLabel: string; timeLabel: string; firstWords: string }>(items: T[]): string[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const name = `${item.accountName}, ${item.dateLabel} at ${item.timeLabel}: ${item.firstWords}`;
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name} (${count})`;
  });
}

async function describeListenItem(announcement: Announcement): Promise<Omit<ListenItem, "listName"> & { timeLabel: string; firstWords: string }> {
  const { timeZone } = getEnv();
  const plan = await getSpeechPlan(announcement);
  return {
    timeLabel: new Date(announcement.published).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone }),
    firstWords: getFirstWords(announcement),
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
  const described = await Promise.all(announcements.map(describeListenItem));
  const names = nameListItems(described);
  const items: ListenItem[] = described.map(({ timeLabel: _time, firstWords: _words, ...item }, position) => ({ ...item, listName: names[position]! }));
  const startIndex = Math.max(0, items.findIndex((item) => item.id === startId));
  return { items, startIndex };
}
