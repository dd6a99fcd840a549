import type { Locale, Messages } from "./index";

// British English spelling of dates ("22 November 2026"), as the councils that asked write them.
const INTL_LOCALES: Record<Locale, string> = { en: "en-GB", nl: "nl", fr: "fr", de: "de", ja: "ja", mi: "mi" };

/**
 * A date written out in words in the reader's language ("Today, Sunday 22 November
 * 2026 at 14:05"), in UTC because the server cannot know the reader's time zone
 * without JavaScript.
 */
export function formatDateInWords(iso: string, locale: Locale, messages: Pick<Messages, "today" | "yesterday">, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const words = new Intl.DateTimeFormat(INTL_LOCALES[locale], {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone: "UTC",
    timeZoneName: "short",
  }).format(date);
  const days = Math.round((startOfDay(now) - startOfDay(date)) / 86_400_000);
  if (days === 0) return `${messages.today}: ${words}`;
  if (days === 1) return `${messages.yesterday}: ${words}`;
  return words;
}

function startOfDay(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}
