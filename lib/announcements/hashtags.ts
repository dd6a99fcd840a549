import { isRecord, readString, readTypes, toArray } from "./as-values";

const MAX_TAGS = 64;
const MAX_TAG_LENGTH = 100;
// Mastodon's hashtag alphabet (letters, marks, digits, "_", the middle dot and
// zero-width joiners some scripts need) plus the "-" Misskey allows. Anything
// else ("<svg/onload=…>", quotes, URLs) is not a hashtag a server would send.
const TAG_NAME = /^[\p{L}\p{M}\p{N}_\-\u00b7\u200c\u200d]+$/u;

/**
 * Reads the Hashtag entries of `tag` (or Prismo's `tags`) as names without "#",
 * deduplicated case-insensitively keeping the first spelling. Mentions, Emoji
 * and other tag types are ignored.
 */
export function readHashtags(object: Record<string, unknown>): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  const entries = toArray(object.tag ?? object.tags).slice(0, MAX_TAGS * 4);
  for (const entry of entries) {
    if (!isRecord(entry) || !readTypes(entry.type).includes("Hashtag")) continue;
    const name = readString(entry.name)?.replace(/^#+/, "").trim();
    if (name === undefined || name.length > MAX_TAG_LENGTH || !TAG_NAME.test(name)) continue;
    const key = name.normalize("NFC").toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    names.push(name);
    if (names.length === MAX_TAGS) break;
  }
  return names;
}
