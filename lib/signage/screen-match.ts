// Pure: which announcements a screen shows, and which take it over as emergencies.
import type { ScreenConfig } from "./types";

/** The fields of an announcement the matching needs (an Announcement has them all). */
export interface MatchableAnnouncement {
  account: { handle: string };
  tags: string[];
  text?: string;
  summary?: string | null;
  sensitive?: boolean;
  published: string;
  updated: string | null;
  /** "emergency" when it is one everywhere (EMERGENCY_ACCOUNTS, EMERGENCY_HASHTAGS, a CAP alert). */
  priority?: string;
}

type Lists = Pick<ScreenConfig, "accounts" | "hashtags" | "emergencyAccounts" | "emergencyHashtags" | "emergencyMinutes"
  | "excludeHashtags" | "excludeWords" | "excludeContentWarnings">;

/** Whether a screen's rotation includes an announcement: empty lists mean everything, less what the screen excludes. */
export function isShownOn(announcement: MatchableAnnouncement, screen: Lists): boolean {
  if (isExcludedOn(announcement, screen)) return false;
  if (screen.accounts.length === 0 && screen.hashtags.length === 0) return true;
  return isListed(announcement, screen.accounts, screen.hashtags);
}

/** Whether a screen's exclusions (hashtags, words, content warnings) keep an announcement off it. */
export function isExcludedOn(announcement: MatchableAnnouncement, screen: Lists): boolean {
  if (screen.excludeContentWarnings && (announcement.sensitive || Boolean(announcement.summary))) return true;
  const hashtags = screen.excludeHashtags ?? [];
  if (hashtags.length > 0 && announcement.tags.some((tag) => hashtags.includes(normaliseHashtag(tag)))) return true;
  const words = screen.excludeWords ?? [];
  if (words.length === 0) return false;
  const text = ` ${`${announcement.summary ?? ""} ${announcement.text ?? ""}`.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ")} `;
  // Whole words only: excluding "bin" must not hide "cabinet".
  return words.some((word) => text.includes(` ${word.replace(/[^\p{L}\p{N}]+/gu, " ").trim()} `));
}

/** Whether an announcement is an emergency for this screen (an emergency everywhere, or its account or a hashtag is in the screen's emergency lists). */
export function isEmergencyFor(announcement: MatchableAnnouncement, screen: Lists): boolean {
  if (announcement.priority === "emergency") return true;
  return isListed(announcement, screen.emergencyAccounts, screen.emergencyHashtags);
}

/** Whether an emergency still holds the screen at `nowMs`: until it expires, counted from its last edit. */
export function isEmergencyActive(announcement: MatchableAnnouncement, screen: Lists, nowMs: number): boolean {
  if (!isEmergencyFor(announcement, screen)) return false;
  const since = Date.parse(announcement.updated ?? announcement.published);
  return Number.isFinite(since) && nowMs < since + screen.emergencyMinutes * 60_000;
}

/** A handle in a comparable form: "News@Council.Example" → "@news@council.example". */
export function normaliseHandle(handle: string): string {
  return handle.trim().replace(/^@?/, "@").toLowerCase();
}

/** A hashtag in a comparable form: "#BinDay" → "binday". */
export function normaliseHashtag(tag: string): string {
  return tag.trim().replace(/^#/, "").toLowerCase();
}

function isListed(announcement: MatchableAnnouncement, accounts: string[], hashtags: string[]): boolean {
  if (accounts.length > 0 && accounts.includes(normaliseHandle(announcement.account.handle))) return true;
  if (hashtags.length === 0) return false;
  return announcement.tags.some((tag) => hashtags.includes(normaliseHashtag(tag)));
}
