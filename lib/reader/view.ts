import type { Announcement } from "../announcements/types";
import { formatDateInWords } from "../i18n/dates";
import { getMessages, LOCALES, type Locale } from "../i18n";
import { getFeedPath } from "../feeds";
import type { ReaderContext } from "./reader-context";

/** An announcement with its date in words, as the list and card components show it. */
export interface ReaderCard {
  announcement: Announcement;
  dateInWords: string;
}

/** Pairs each announcement with its date in words, ready for the list and card components. */
export function prepareCards(items: Announcement[], context: ReaderContext, now = new Date()): ReaderCard[] {
  return items.map((announcement) => ({
    announcement,
    dateInWords: formatDateInWords(announcement.published, context.locale, context.messages, now, context.timeZone),
  }));
}

/** The switcher's entries: each language named in itself. */
export function listLanguages(): { locale: Locale; name: string }[] {
  return LOCALES.map((locale) => ({ locale, name: getMessages(locale).languageName }));
}

/** The RSS and Atom feeds that mirror a page (all announcements, or one account's). */
export function getPageFeeds(account?: string | null): { rss: string; atom: string } {
  return { rss: getFeedPath("rss", account), atom: getFeedPath("atom", account) };
}

/** A link to a list page, optionally from an older point. */
export function getListHref(base: string, before?: string | null): string {
  return before ? `${base}?before=${encodeURIComponent(before)}` : base;
}
