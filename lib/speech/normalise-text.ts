import { formatDateInWords, getSpeechWords } from "./words.ts";

// Turns post text into something a speech engine reads well: espeak reads
// "#RoadClosure" as "hash road closure", spells URLs and handles out piece by piece
// and reads 14/06/2025 as numbers and slashes (RENDER-NOTES.md).

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/gi;
// @user or @user@host (host may carry a port); not the middle of an e-mail address.
const HANDLE_PATTERN = /(^|[^\w@])@([A-Za-z0-9_][A-Za-z0-9_.-]*)(?:@[A-Za-z0-9.-]+(?::\d+)?)?/g;
const HASHTAG_PATTERN = /(^|[^\p{L}\p{N}_&#])#([\p{L}\p{N}_]+)/gu;
const NUMERIC_DATE = /\b(\d{1,2})([/.-])(\d{1,2})\2(\d{4})\b/g;
const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
const CLOCK_TIME = /\b([01]?\d|2[0-3])[:.h]([0-5]\d)\b(?!\s*%)/g;
const AM_PM_TIME = /\b(1[0-2]|0?[1-9])(?:[:.]([0-5]\d))?\s*([ap])\.?\s?m\b\.?/gi;
const EMOJI = /(?:\p{Extended_Pictographic}|\p{Regional_Indicator}|[\u{1F3FB}-\u{1F3FF}\u{FE0E}\u{FE0F}\u{200D}\u{20E3}])+/gu;
const CUSTOM_EMOJI = /:[A-Za-z0-9_]{2,}:/g;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Splits a hashtag or handle into words: "RoadClosure" → "Road Closure", "bin_day" → "bin day". */
export function splitIntoWords(tag: string): string {
  return tag
    .replace(/[_.-]+/g, " ")
    .replace(/(\p{Ll})(\p{Lu})/gu, "$1 $2")
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, "$1 $2")
    .replace(/(\p{L})(\p{N})/gu, "$1 $2")
    .replace(/(\p{N})(\p{L})/gu, "$1 $2")
    .trim();
}

const TRAILING_PUNCTUATION = new Set([".", ",", ";", ":", "!", "?", ")", "]"]);

/**
 * Splits sentence punctuation off the end of a link. A loop, not a regex: patterns such
 * as /^(.*?)([.,]*)$/ backtrack, and cost grows with the square of a long link's length.
 */
function splitTrailingPunctuation(match: string): { url: string; trailing: string } {
  let end = match.length;
  while (end > 0 && TRAILING_PUNCTUATION.has(match[end - 1]!)) end--;
  return { url: match.slice(0, end), trailing: match.slice(end) };
}

/** The host of a URL without "www.", or null when it does not parse. */
function readHost(url: string): string | null {
  try {
    const hostname = new URL(url).hostname;
    return hostname.startsWith("www.") ? hostname.slice(4) : hostname;
  } catch {
    return null;
  }
}

function formatDay(year: number, month: number, day: number, language: string): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCDate() !== day) return null;
  return formatDateInWords(date, language, false);
}

/** Rewrites dates and clock times as words the engine reads naturally. */
function rewriteDatesAndTimes(text: string, language: string): string {
  const words = getSpeechWords(language);
  return text
    .replace(ISO_DATE, (match, y, m, d) => formatDay(Number(y), Number(m), Number(d), language) ?? match)
    .replace(NUMERIC_DATE, (match, a, _separator, b, y) => {
      // Day first (as in most of the world), unless that cannot be a date and month first can.
      const dayFirst = formatDay(Number(y), Number(b), Number(a), language);
      return dayFirst ?? formatDay(Number(y), Number(a), Number(b), language) ?? match;
    })
    .replace(AM_PM_TIME, (_match, h, m, half) => {
      const hour = (Number(h) % 12) + (half.toLowerCase() === "p" ? 12 : 0);
      return words.time(hour, Number(m ?? 0));
    })
    .replace(CLOCK_TIME, (_match, h, m) => words.time(Number(h), Number(m)));
}

/** Normalises post text for listening: links, handles, hashtags, dates, times, emoji, markup characters. */
export function normaliseForListening(text: string, language: string): string {
  const words = getSpeechWords(language);
  let result = text.normalize("NFC").replace(CONTROL, " ");
  result = result.replace(URL_PATTERN, (match) => {
    // Sentence punctuation after a link belongs to the sentence, not the link.
    const { url, trailing } = splitTrailingPunctuation(match);
    const host = readHost(url);
    return `${host ? ` ${words.linkTo(host)}` : ""}${trailing} `;
  });
  result = result.replace(HANDLE_PATTERN, (_match, before, user) => `${before}${splitIntoWords(user)}`);
  result = result.replace(HASHTAG_PATTERN, (_match, before, tag) => `${before}${splitIntoWords(tag)}`);
  result = rewriteDatesAndTimes(result, language);
  result = result.replace(CUSTOM_EMOJI, " ").replace(EMOJI, " ");
  // Markup characters are never read as markup (the engine's input is SSML-ish) and mean nothing aloud.
  result = result.replace(/[<>{}[\]\\|^`~]/g, " ").replace(/&/g, ` ${words.and} `);
  return result
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .join("\n\n");
}
