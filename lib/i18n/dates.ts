import { getLocalDayNumber, isUtc, nameTimeZone } from "../time-zone";
import type { Locale, Messages } from "./index";

// British English spelling of dates ("22 November 2026"), as the councils that asked write them.
const INTL_LOCALES: Record<Locale, string> = { en: "en-GB", nl: "nl", fr: "fr", de: "de", ja: "ja", mi: "mi" };

/**
 * A date written out in words in the reader's language ("Today, Sunday 22 November
 * 2026 at 14:05 GMT"), in the council's time zone (TIME_ZONE): the server cannot know
 * the reader's own without JavaScript, and residents live where the council is.
 */
export function formatDateInWords(iso: string, locale: Locale, messages: Pick<Messages, "today" | "yesterday">, now: Date = new Date(), timeZone = "UTC"): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const words = new Intl.DateTimeFormat(INTL_LOCALES[locale], {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(date);
  const days = getLocalDayNumber(now, timeZone) - getLocalDayNumber(date, timeZone);
  if (days === 0) return `${messages.today}: ${words}`;
  if (days === 1) return `${messages.yesterday}: ${words}`;
  return words;
}

/** The page's note on times: "Times are in UTC." or "Times are United Kingdom Time." in the reader's language. */
export function describeTimes(locale: Locale, messages: Pick<Messages, "timeZoneNote" | "timeZoneNoteLocal">, timeZone: string): string {
  if (isUtc(timeZone)) return messages.timeZoneNote;
  return messages.timeZoneNoteLocal.replace("{zone}", nameTimeZone(timeZone, INTL_LOCALES[locale]));
}
