import { getStore } from "../store";
import type { Announcement } from "./types";

/** Newest first, optionally one account's, paged by the id of the last one seen. */
export async function listAnnouncements(options: { limit: number; account?: string | null; before?: string | null }): Promise<Announcement[]> {
  return getStore().listAnnouncements({
    limit: options.limit,
    accountHandle: options.account ? normaliseHandle(options.account) : undefined,
    beforeId: options.before ?? undefined,
  });
}

/** One announcement by id, or null when there is none (or it was deleted). */
export async function getAnnouncement(id: string): Promise<Announcement | null> {
  return getStore().getAnnouncement(id);
}

function normaliseHandle(handle: string): string {
  const trimmed = handle.trim();
  return trimmed.startsWith("@") ? trimmed : `@${trimmed}`;
}

/** One page of a newest-first list, and the id to pass as `before` for the next (older) page. */
export interface AnnouncementPage {
  items: Announcement[];
  nextBefore: string | null;
}

/** Lists one page of announcements, fetching one extra to know whether an older page exists. */
export async function listAnnouncementPage(options: { limit: number; account?: string | null; before?: string | null }): Promise<AnnouncementPage> {
  const items = await listAnnouncements({ ...options, limit: options.limit + 1 });
  const hasMore = items.length > options.limit;
  const page = hasMore ? items.slice(0, options.limit) : items;
  return { items: page, nextBefore: hasMore ? (page.at(-1)?.id ?? null) : null };
}
