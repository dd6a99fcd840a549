import { isPicture } from "../announcements/media-paths";
import { getMediaId, toPublicAnnouncement } from "../announcements/public-media";
import type { Announcement } from "../announcements/types";
import { isPictureUnavailable } from "../media/media-service";
import { formatDateInWords } from "../i18n/dates";
import { getMessages, LOCALES, type Locale } from "../i18n";
import { getFeedPath } from "../feeds";
import type { ReaderContext } from "./reader-context";

/** An announcement with its date in words and its pictures, as the list and card components show it. */
export interface ReaderCard {
  announcement: Announcement;
  dateInWords: string;
  pictures: ReaderPicture[];
}

/** An attachment as a reader page shows it: a picture from Crier's own origin (or a note that it is not available), and its description. */
export interface ReaderPicture {
  /** The id under /media, or null for an attachment that is not a picture (a video: only its description is shown). */
  mediaId: string | null;
  isUnavailable: boolean;
  alt: string | null;
  width: number | null;
  height: number | null;
}

/** The pictures of an announcement, each with its /media id and whether it could be had. */
export function preparePictures(announcement: Announcement): ReaderPicture[] {
  return announcement.attachments.map((attachment) => {
    const picture = isPicture(attachment);
    return {
      mediaId: picture ? getMediaId(announcement.id, attachment.url) : null,
      isUnavailable: picture && isPictureUnavailable(announcement.id, attachment.url),
      alt: attachment.alt,
      width: attachment.width,
      height: attachment.height,
    };
  });
}

/** Pairs each announcement with its date in words, ready for the list and card components. */
export function prepareCards(items: Announcement[], context: ReaderContext, now = new Date()): ReaderCard[] {
  return items.map((announcement) => ({
    // Same-origin paths: the page's props never carry the remote picture's URL either.
    announcement: toPublicAnnouncement(announcement, ""),
    pictures: preparePictures(announcement),
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
