import { getEnv } from "../env";
import { getEventBus } from "../events/bus";
import { getRuntimePart } from "../runtime/registry";
import { getStore } from "../store";
import { AnnouncementReader, DEFAULT_CACHE_LIMITS, type AnnouncementPage, type ListQuery } from "./announcement-reader";
import { toPublicAnnouncement } from "./public-media";
import type { Announcement } from "./types";
import type { AdminAnnouncementItem, AdminState } from "../store/moderation-store";

export type { AnnouncementPage, ListQuery } from "./announcement-reader";

/** The process's reader: the store behind the cache that every announcement event empties (one per process, in the runtime). */
export function getAnnouncementReader(): AnnouncementReader {
  return getRuntimePart("announcement-reader", () => new AnnouncementReader(getStore(), getEventBus(), DEFAULT_CACHE_LIMITS, (announcement) => toPublicAnnouncement(announcement, getEnv().publicUrl)));
}

/** Newest first, optionally one account's, paged by the id of the last one seen. */
export async function listAnnouncements(query: ListQuery): Promise<Announcement[]> {
  return getAnnouncementReader().list(query);
}

/** Lists one page of announcements and the id of the next (older) page, if there is one. */
export async function listAnnouncementPage(query: ListQuery): Promise<AnnouncementPage> {
  return getAnnouncementReader().page(query);
}

/** One announcement by id, or null when there is none (or it was deleted). */
export async function getAnnouncement(id: string): Promise<Announcement | null> {
  return getAnnouncementReader().one(id);
}

/** One announcement as the public sees it (pictures on Crier's own origin), or null. */
export async function getPublicAnnouncement(id: string): Promise<Announcement | null> {
  return getAnnouncementReader().onePublic(id);
}

/** The list as `{"items":[…]}` JSON and its ETag, serialised once per change. */
export async function getAnnouncementListJson(query: ListQuery): Promise<{ json: string; etag: string }> {
  return getAnnouncementReader().listJson(query);
}

/** The console's list: every announcement and archived reply with its state, newest first (never cached: operators see what is stored). */
export async function listAnnouncementsForAdmin(query: { state?: AdminState; account?: string | null; limit: number; before?: string | null }): Promise<AdminAnnouncementItem[]> {
  return getStore().moderation.listForAdmin({
    state: query.state,
    accountHandle: query.account?.trim() || undefined,
    limit: query.limit,
    beforeId: query.before || undefined,
    now: new Date().toISOString(),
  });
}

/** One announcement whatever its state, for the console, or null when there is none. */
export async function getAnnouncementForAdmin(id: string): Promise<AdminAnnouncementItem | null> {
  return getStore().moderation.getForAdmin(id, new Date().toISOString());
}
