import { isRecord, readString, readTypes, toArray } from "./as-values";

const MAX_TAGS = 64;
const MAX_TAG_LENGTH = 100;

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
    if (name === undefined || name === "" || name.length > MAX_TAG_LENGTH || /\s/.test(name)) continue;
    const key = name.normalize("NFC").toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    names.push(name);
    if (names.length === MAX_TAGS) break;
  }
  return names;
}
