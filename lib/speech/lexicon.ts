import { normalizeLanguageTag } from "../announcements/language";

// A pronunciation lexicon: per language of the post, a word or phrase → how to say it.
// An entry gives a respelling (text the voice reads instead), espeak-ng phonemes, or
// both (phonemes win), and may name the language whose voice says it (te reo Māori
// place names in English posts are said by the Māori voice).

export interface LexiconEntry {
  /** The word or phrase as written (matched whole, ignoring case; up to four words). */
  word: string;
  /** Text the voice reads instead ("Fung-ah-ray"). */
  respelling?: string;
  /** espeak-ng phoneme mnemonics, spoken as [[…]] ("f'aNa:rEi"). */
  phonemes?: string;
  /** The language whose voice says it (e.g. "mi"); the post's own by default. */
  language?: string;
}

export const MAX_ENTRIES = 2_000;
export const MAX_WORDS_PER_ENTRY = 4;
const MAX_FIELD = 100;
// Letters, marks, digits, spaces, hyphens and apostrophes: what a name is written with.
const WORD_SHAPE = /^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} '’-]*$/u;
// espeak-ng's phoneme mnemonics are ASCII; nothing that could close the [[…]] or open markup.
const PHONEME_SHAPE = /^[A-Za-z0-9@:;'",.!?=_^|~#%*+\/\\ -]+$/;

/** Checks a lexicon sent by an operator; returns the entries, or a sentence saying what is wrong. */
export function parseLexicon(body: unknown): { entries: LexiconEntry[] } | { error: string } {
  const entries = (body as { entries?: unknown } | null)?.entries;
  if (!Array.isArray(entries)) return { error: 'Send {"entries": [{"word": …, "respelling" or "phonemes": …, "language"?: …}, …]}.' };
  if (entries.length > MAX_ENTRIES) return { error: `A lexicon holds at most ${MAX_ENTRIES} entries; this one has ${entries.length}.` };
  const parsed: LexiconEntry[] = [];
  const seen = new Set<string>();
  for (const [index, raw] of entries.entries()) {
    const where = `Entry ${index + 1}`;
    if (typeof raw !== "object" || raw === null) return { error: `${where} is not an object.` };
    const { word, respelling, phonemes, language } = raw as Record<string, unknown>;
    if (typeof word !== "string" || word.trim().length === 0 || word.length > MAX_FIELD || !WORD_SHAPE.test(word.trim())) {
      return { error: `${where}: "word" must be a word or phrase of letters, digits, spaces, hyphens or apostrophes, at most ${MAX_FIELD} characters.` };
    }
    const cleanWord = word.trim().replace(/\s+/g, " ");
    if (cleanWord.split(" ").length > MAX_WORDS_PER_ENTRY) return { error: `${where}: "word" has more than ${MAX_WORDS_PER_ENTRY} words.` };
    if (seen.has(cleanWord.toLowerCase())) return { error: `${where}: "${cleanWord}" is listed twice.` };
    seen.add(cleanWord.toLowerCase());
    if (respelling !== undefined && (typeof respelling !== "string" || respelling.trim().length === 0 || respelling.length > MAX_FIELD || !WORD_SHAPE.test(respelling.trim()))) {
      return { error: `${where}: "respelling" must be letters, digits, spaces, hyphens or apostrophes, at most ${MAX_FIELD} characters.` };
    }
    if (phonemes !== undefined && (typeof phonemes !== "string" || phonemes.length > MAX_FIELD || !PHONEME_SHAPE.test(phonemes))) {
      return { error: `${where}: "phonemes" must be espeak-ng phoneme mnemonics (ASCII letters, digits and @:;',.=_^|~#%*+/\\- ), at most ${MAX_FIELD} characters.` };
    }
    let entryLanguage: string | undefined;
    if (language !== undefined) {
      entryLanguage = typeof language === "string" ? (normalizeLanguageTag(language) ?? undefined) : undefined;
      if (!entryLanguage) return { error: `${where}: "language" must be a language tag such as "mi" or "en-NZ".` };
    }
    if (respelling === undefined && phonemes === undefined && entryLanguage === undefined) {
      return { error: `${where}: give "respelling", "phonemes" or "language" (or more than one).` };
    }
    parsed.push({
      word: cleanWord,
      ...(respelling !== undefined ? { respelling: (respelling as string).trim() } : {}),
      ...(phonemes !== undefined ? { phonemes: (phonemes as string).trim() } : {}),
      ...(entryLanguage ? { language: entryLanguage } : {}),
    });
  }
  return { entries: parsed };
}

/** The lexicon key of a post's language: its base language ("en-NZ" → "en"). */
export function lexiconLanguage(language: string): string {
  return language.split("-")[0]!.toLowerCase();
}
