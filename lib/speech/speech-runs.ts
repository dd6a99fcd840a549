import { identifyLanguage, isLongEnoughToIdentify } from "../announcements/language-identification";
import { lexiconLanguage, MAX_WORDS_PER_ENTRY, type LexiconEntry } from "./lexicon";
import type { LexiconSnapshot } from "./lexicon-store";

// A paragraph said in more than one voice: a sentence in another language (English in a
// Dutch post) by that language's voice, te reo Māori words in an English post by the
// Māori voice, and the operators' lexicon applied on the way. Each run is synthesised
// on its own and the pieces joined (lib/speech/render-audio.ts).

/** A stretch of a paragraph for one voice; `text` is espeak-ng input ([[…]] only from the lexicon). */
export interface SpeechRun {
  language: string;
  text: string;
}

/** Which languages the engine can speak (so a run never goes to a voice that does not exist). */
export type HasVoice = (language: string) => Promise<boolean>;

const CONFIDENT = 0.9;
const SENTENCE_END = /(?<=[.!?。！？])\s+/u;
const WORD = /([\p{L}\p{M}\p{N}]+(?:['’-][\p{L}\p{M}\p{N}]+)*)/u;
// A word spelled only with te reo Māori letters and carrying a macron is Māori.
const MAORI_WORD = /^(?=.*[āēīōūĀĒĪŌŪ])[aeiouāēīōūhkmnprtwgAEIOUĀĒĪŌŪHKMNPRTWG]+$/u;
const MAORI = "mi";

/** Remote text may not smuggle phonemes in: only the lexicon writes [[…]]. */
function neutralise(text: string): string {
  return text.replace(/\[\[/g, "[ [").replace(/\]\]/g, "] ]");
}

type EntryIndex = Map<string, LexiconEntry>;
const indexes = new WeakMap<LexiconEntry[], EntryIndex>();

function indexOf(entries: LexiconEntry[]): EntryIndex {
  let index = indexes.get(entries);
  if (!index) {
    index = new Map(entries.map((entry) => [entry.word.toLowerCase(), entry]));
    indexes.set(entries, index);
  }
  return index;
}

function sayEntry(entry: LexiconEntry, written: string): string {
  if (entry.phonemes) return `[[${entry.phonemes}]]`;
  return neutralise(entry.respelling ?? written);
}

/** Words of one sentence in `language`, with lexicon entries and Māori words in their own voices. Linear: at most four lookups per word. */
export function splitIntoWordRuns(sentence: string, language: string, entries: LexiconEntry[], voiced: ReadonlySet<string>): SpeechRun[] {
  const index = indexOf(entries);
  const recogniseMaori = lexiconLanguage(language) !== MAORI && voiced.has(MAORI);
  // Alternating [separator, word, separator, word, …, separator].
  const tokens = sentence.split(WORD);
  const runs: SpeechRun[] = [];
  const add = (runLanguage: string, text: string) => {
    const last = runs.at(-1);
    if (last && last.language === runLanguage) last.text += text;
    else runs.push({ language: runLanguage, text });
  };
  add(language, neutralise(tokens[0] ?? ""));
  for (let i = 1; i < tokens.length; i += 2) {
    let matched = false;
    // The longest phrase first: "Te Papa" before "Te"; words joined by single spaces only.
    for (let words = MAX_WORDS_PER_ENTRY; words >= 1 && !matched; words--) {
      const last = i + 2 * (words - 1);
      if (last >= tokens.length) continue;
      let phrase = tokens[i]!;
      let joinedBySpaces = true;
      for (let k = i + 2; k <= last; k += 2) {
        if (tokens[k - 1] !== " ") joinedBySpaces = false;
        phrase += ` ${tokens[k]}`;
      }
      const entry = joinedBySpaces ? index.get(phrase.toLowerCase()) : undefined;
      if (!entry) continue;
      const voice = entry.language && voiced.has(entry.language) ? entry.language : language;
      add(voice, sayEntry(entry, phrase));
      add(voice, neutralise(tokens[last + 1] ?? ""));
      i = last;
      matched = true;
    }
    if (matched) continue;
    const word = tokens[i]!;
    add(recogniseMaori && MAORI_WORD.test(word) ? MAORI : language, neutralise(word));
    add(runs.at(-1)!.language, neutralise(tokens[i + 1] ?? ""));
  }
  return runs.filter((run) => run.text.trim().length > 0);
}

/** The language a sentence is in, when it is confidently not the paragraph's and the engine can speak it. */
async function sentenceLanguage(sentence: string, language: string, hasVoice: HasVoice): Promise<string> {
  if (!isLongEnoughToIdentify(sentence)) return language;
  const identified = await identifyLanguage(sentence);
  if (!identified || !identified.reliable || identified.probability < CONFIDENT) return language;
  if (identified.language === lexiconLanguage(language)) return language;
  return (await hasVoice(identified.language)) ? identified.language : language;
}

/** Splits one paragraph of a post in `language` into runs for the voices that should say them. */
export async function splitIntoRuns(paragraph: string, language: string, lexicon: LexiconSnapshot, hasVoice: HasVoice): Promise<SpeechRun[]> {
  const runs: SpeechRun[] = [];
  for (const sentence of paragraph.split(SENTENCE_END)) {
    const said = await sentenceLanguage(sentence, language, hasVoice);
    const entries = lexicon.entriesFor(lexiconLanguage(said));
    const candidates = new Set([MAORI, ...entries.flatMap((entry) => (entry.language ? [entry.language] : []))]);
    const voiced = new Set<string>();
    for (const candidate of candidates) if (await hasVoice(candidate)) voiced.add(candidate);
    for (const run of splitIntoWordRuns(`${sentence} `, said, entries, voiced)) {
      const last = runs.at(-1);
      if (last && last.language === run.language) last.text += run.text;
      else runs.push({ ...run });
    }
  }
  for (const run of runs) run.text = run.text.trim();
  return runs.filter((run) => run.text.length > 0);
}
