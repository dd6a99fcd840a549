import { createHash } from "node:crypto";
import type { Announcement } from "../announcements/types";
import type { AccountRecord, AnnouncementInput } from "./types";

/** The stored part of an announcement: everything but its id and account, which live in columns. */
export type AnnouncementData = Omit<Announcement, "id" | "account">;

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
    priority: "normal",
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
): Announcement {
  const handle = account?.handle ?? fallbackHandle(accountUri);
  return {
    id,
    ...data,
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
