import { truncateText } from "./as-values";
import { DEFAULT_MAX_TEXT_LENGTH, MAX_CONTENT_HTML_LENGTH } from "./post-body";
import type { AnnouncementDraft } from "./types";

// A thread of self-replies ("1/3", "2/3", "3/3" about one flood) is one announcement:
// one set of slides, one audio file, one item in every feed. It is joined from its parts
// as their author last sent them, oldest first, each time any part changes.

/** A thread is joined from at most this many posts (its first and the 24 after it): one announcement stays one screenful of slides. */
export const MAX_THREAD_PARTS = 25;
const MAX_THREAD_ATTACHMENTS = 16;
const MAX_THREAD_TAGS = 64;

/** Joins a thread's first post and its later parts (oldest first) into the draft renderers get. */
export function joinThread(root: AnnouncementDraft, parts: AnnouncementDraft[]): AnnouncementDraft {
  if (parts.length === 0) return root;
  // Bounded like one post: a thread without end cannot grow an announcement without end.
  const all: AnnouncementDraft[] = [root];
  let htmlLength = root.html.length;
  for (const part of parts.slice(0, MAX_THREAD_PARTS - 1)) {
    if (htmlLength + part.html.length > MAX_CONTENT_HTML_LENGTH) break;
    htmlLength += part.html.length;
    all.push(part);
  }
  const joined = all.slice(1);
  const tags: string[] = [];
  const seen = new Set<string>();
  for (const tag of all.flatMap((part) => part.tags)) {
    const key = tag.toLowerCase();
    if (seen.has(key) || tags.length === MAX_THREAD_TAGS) continue;
    seen.add(key);
    tags.push(tag);
  }
  // The latest change to any part is when the whole last changed.
  // Every part is dated by the write path before it is kept (a post without a date takes the time it arrived).
  const updated = joined.reduce((latest, part) => max(latest, part.updated ?? part.published ?? latest), root.updated ?? root.published ?? "");
  return {
    ...root,
    updated,
    summary: root.summary ?? joined.find((part) => part.summary)?.summary ?? null,
    sensitive: all.some((part) => part.sensitive),
    html: all.map((part) => part.html).join("\n"),
    text: truncateText(all.map((part) => part.text).filter(Boolean).join("\n\n"), DEFAULT_MAX_TEXT_LENGTH),
    attachments: all.flatMap((part) => part.attachments).slice(0, MAX_THREAD_ATTACHMENTS),
    tags,
    mentions: all.flatMap((part) => part.mentions ?? []),
  };
}

function max(a: string, b: string): string {
  return a > b ? a : b;
}
