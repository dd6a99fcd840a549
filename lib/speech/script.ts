import type { Announcement } from "../announcements/types";
import { normaliseForListening, splitIntoWords } from "./normalise-text.ts";
import { formatDateInWords, getSpeechWords } from "./words.ts";

/** What is read aloud for one announcement, in order, in the announcement's language. */
export interface SpeechScript {
  language: string;
  /** Paragraphs to speak: header, content warning, text paragraphs, image descriptions. */
  paragraphs: string[];
}

/** The name to say for an account: its display name without custom emoji, else the user part of its handle. */
function readAccountName(announcement: Announcement): string {
  const name = normaliseForListening(announcement.account.name ?? "", announcement.language).replace(/\s+/g, " ").trim();
  if (name) return name;
  const user = announcement.account.handle.replace(/^@/, "").split("@")[0] ?? "";
  return splitIntoWords(user);
}

/** Builds the speech script of an announcement: who and when (the date in `timeZone`), content warning first, the text, then "Image: …" per alt text. */
export function buildSpeechScript(announcement: Announcement, timeZone = "UTC"): SpeechScript {
  const language = announcement.language;
  const words = getSpeechWords(language);
  const paragraphs: string[] = [];
  const date = formatDateInWords(new Date(announcement.published), language, true, timeZone);
  paragraphs.push(words.header(readAccountName(announcement), date));
  if (announcement.sharedBy) paragraphs.push(words.sharedBy(normaliseForListening(announcement.sharedBy.name, language).replace(/\s+/g, " ").trim()));
  const summary = announcement.summary ? normaliseForListening(announcement.summary, language).replace(/\s+/g, " ").replace(/[.。]$/, "") : "";
  if (summary) paragraphs.push(words.contentWarning(summary));
  paragraphs.push(...normaliseForListening(announcement.text, language).split("\n\n").filter(Boolean));
  for (const attachment of announcement.attachments) {
    const alt = attachment.alt ? normaliseForListening(attachment.alt, language).replace(/\s+/g, " ") : "";
    paragraphs.push(alt ? words.image(alt) : words.imageWithoutDescription);
  }
  return { language, paragraphs };
}

/** The script as one text (paragraphs separated by blank lines), e.g. for hashing or a device voice. */
export function joinSpeechScript(script: SpeechScript): string {
  return script.paragraphs.join("\n\n");
}
