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
