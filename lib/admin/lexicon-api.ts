import { listAnnouncements } from "../announcements/listing";
import { normalizeLanguageTag } from "../announcements/language";
import { HttpError } from "../http/responses";
import { getCrierLogger } from "../log";
import { lexiconLanguage, parseLexicon, type LexiconEntry } from "../speech/lexicon";
import { readLexicon, saveLexicon } from "../speech/lexicon-store";
import { speakAgain } from "../speech/speech-service";

const logger = getCrierLogger("admin");
// A lexicon edit re-speaks, in the background, the newest posts it changes; older ones
// are spoken anew when first asked for (their audio's hash has changed).
const RESPEAK_NEWEST = 200;

/** The lexicon key a path segment names ("en", "en-NZ" → "en"), or 400. */
export function parseLexiconLanguage(segment: string): string {
  const tag = normalizeLanguageTag(decodeURIComponent(segment));
  if (!tag) throw new HttpError(400, `"${segment}" is not a language tag; use one such as en, mi or nl.`);
  return lexiconLanguage(tag);
}

/** One language's lexicon for the admin API. */
export async function getLexiconForAdmin(language: string): Promise<{ language: string; saved: boolean; entries: LexiconEntry[] }> {
  return { language, ...(await readLexicon(language)) };
}

const entryKey = (entry: LexiconEntry) => JSON.stringify([entry.word.toLowerCase(), entry.respelling, entry.phonemes, entry.language]);

/** Replaces one language's lexicon and re-speaks the recent posts whose words it changed. */
export async function putLexiconFromBody(language: string, body: unknown): Promise<{ language: string; saved: true; entries: LexiconEntry[]; respeaking: number }> {
  const parsed = parseLexicon(body);
  if ("error" in parsed) throw new HttpError(400, parsed.error);
  const previous = await saveLexicon(language, parsed.entries);
  const before = new Set(previous.map(entryKey));
  const after = new Set(parsed.entries.map(entryKey));
  const changedWords = [...previous.filter((entry) => !after.has(entryKey(entry))), ...parsed.entries.filter((entry) => !before.has(entryKey(entry)))]
    .map((entry) => entry.word.toLowerCase());
  let affected: Awaited<ReturnType<typeof listAnnouncements>> = [];
  if (changedWords.length > 0) {
    const recent = await listAnnouncements({ limit: RESPEAK_NEWEST });
    affected = recent.filter((announcement) => {
      const said = `${announcement.summary ?? ""}\n${announcement.text}\n${announcement.attachments.map((attachment) => attachment.alt ?? "").join("\n")}`.toLowerCase();
      return changedWords.some((word) => said.includes(word));
    });
    speakAgain(affected);
  }
  logger.info("Lexicon {language} saved: {entries} entries, {changed} changed; re-speaking {count} recent announcements.", { language, entries: parsed.entries.length, changed: changedWords.length, count: affected.length });
  return { language, saved: true, entries: parsed.entries, respeaking: affected.length };
}
