import { createHash } from "node:crypto";
import { readPriority, withStoredLists } from "../announcements/global-emergency";
import type { Announcement } from "../announcements/types";
import { parseGlobalEmergencies } from "./emergency-list-store";
import type { AccountRecord, AnnouncementInput } from "./types";

/** The stored part of an announcement: everything but its id, account and via, which live in columns. */
export type AnnouncementData = Omit<Announcement, "id" | "account" | "via">;

/** Builds the JSON kept in the `data` column from an ingest input. */
export function toAnnouncementData(input: AnnouncementInput): AnnouncementData {
  const { draft } = input;
  return {
    uri: draft.uri,
    url: draft.url,
    published: draft.published,
    updated: draft.updated,
    language: input.language,
    summary: draft.summary,
    sensitive: draft.sensitive,
    html: draft.html,
    text: draft.text,
    attachments: draft.attachments,
    tags: draft.tags,
    visibility: draft.visibility,
    priority: input.priority ?? "normal",
    ...(draft.sharedBy ? { sharedBy: draft.sharedBy } : {}),
  };
}

/** A hash of what renderers show, so a re-delivered, unchanged object is not an edit. */
export function hashAnnouncementData(data: AnnouncementData): string {
  return createHash("sha256").update(JSON.stringify(data)).digest("hex");
}

/** Joins stored data with its account into the public Announcement shape. */
export function assembleAnnouncement(
  id: string,
  data: AnnouncementData,
  account: AccountRecord | null,
  accountUri: string,
  isOfficialHandle: (handle: string) => boolean,
  /** The stored global lists, as GLOBAL_EMERGENCIES_COLUMN read them with the row (absent: the settings' lists only). */
  globalEmergencies?: string | null,
): Announcement {
  const handle = account?.handle ?? fallbackHandle(accountUri);
  return {
    id,
    ...data,
    // Older rows may lack it; global lists apply at read time, so a changed list applies to every post at once.
    priority: readPriority(data.priority ?? "normal", handle, data.tags, withStoredLists(parseGlobalEmergencies(globalEmergencies))),
    account: {
      handle,
      name: account?.name || handle,
      uri: accountUri,
      url: account?.url ?? null,
      avatarUrl: account?.avatarUrl ?? null,
      official: isOfficialHandle(handle),
    },
  };
}

function fallbackHandle(uri: string): string {
  try {
    const url = new URL(uri);
    const name = url.pathname.split("/").filter(Boolean).pop() ?? "unknown";
    return `@${name}@${url.host}`;
  } catch {
    return "@unknown@invalid";
  }
}

/** The followed account that relayed a post, from the row's join with `accounts` on `via_uri`. */
export function withVia(
  announcement: Announcement,
  row: { via_uri: string | null; via_handle: string | null; via_name: string | null; via_url: string | null },
): Announcement {
  if (row.via_uri === null) return announcement;
  const handle = row.via_handle ?? fallbackHandle(row.via_uri);
  return { ...announcement, via: { handle, name: row.via_name || handle, uri: row.via_uri, url: row.via_url } };
}
