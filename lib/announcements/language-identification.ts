import { loadModule } from "cld3-asm";
import { getRuntimePart } from "../runtime/registry";
import { guessLanguageFromScript, normalizeLanguageTag } from "./language";

// Which language a post is written in, from its text. Servers tag a post with the
// author's default posting language, not what was typed (mastodon#21109, #23837), so a
// Dutch post tagged `en` would be read by the English voice and its page marked English.
//
// Measured on tests/fixtures/language-posts.ts (68 council posts in six languages) before
// choosing: Google's CLD3 (npm cld3-asm, WASM, model in the package) 67/68 with a
// calibrated probability and a reliability flag; franc-all 62/68 (67/68 only when told
// the six languages beforehand); eld 58/68 and tinyld 52/68 (neither knows te reo Māori).

/** One identification: a BCP 47 base language, CLD3's probability, and its reliability flag. */
export interface IdentifiedLanguage {
  language: string;
  probability: number;
  reliable: boolean;
}

// CLD3 reads at most this many bytes: a post's language shows in its first paragraphs.
const MAX_BYTES = 2_000;
// Below these, an identification never overrides what the sender's server said.
const MIN_WORDS = 6;
const MIN_CJK_CHARACTERS = 12;
const CONFIDENT = 0.9;

type Identifier = { findLanguage(text: string): { language: string; probability: number; is_reliable: boolean } };

function getIdentifier(): Promise<Identifier> {
  return getRuntimePart("language-identifier", async () => (await loadModule()).create(0, MAX_BYTES));
}

// Hawaiian and te reo Māori look alike to CLD3, but Hawaiian has no t, r, g or "wh";
// in New Zealand a "Hawaiian" post with them is Māori.
const MAORI_ONLY = /[trg]|wh/i;

/** CLD3's answer for a text, or null when it cannot tell. Linear in the text (it reads MAX_BYTES at most). */
export async function identifyLanguage(text: string): Promise<IdentifiedLanguage | null> {
  const sample = text.slice(0, MAX_BYTES);
  if (!/\p{L}/u.test(sample)) return null;
  const result = (await getIdentifier()).findLanguage(sample);
  // "el-Latn", "ja-Latn", …: CLD3's romanised languages, which it also answers for
  // mixed text it cannot place ("Kia ora koutou" is "el-Latn"); no voice reads them.
  if (result.language === "und" || result.language.includes("-")) return null;
  let language = result.language;
  if (language === "haw" && MAORI_ONLY.test(sample)) language = "mi";
  return { language, probability: result.probability, reliable: result.is_reliable };
}

/** Whether a text is long enough for its identification to outweigh a declared tag. */
export function isLongEnoughToIdentify(text: string): boolean {
  const cjk = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)?.length ?? 0;
  if (cjk >= MIN_CJK_CHARACTERS) return true;
  return (text.match(/\p{L}[\p{L}\p{M}'’-]*/gu)?.length ?? 0) >= MIN_WORDS;
}

export interface LanguageEvidence {
  /** What the post said (its tag or contentMap key), normalised. */
  declared: string | null;
  /** The operator's setting for the account, used when a post does not say. */
  accountLanguage: string | null;
  /** The post's plain text. */
  text: string;
}

/**
 * The language a post is stored, shown and spoken in: the text's own language when CLD3
 * is confident and it disagrees with the tag (a region the tag gave is kept when the
 * languages agree), else the tag, else the account's setting, else the script, else "und".
 */
export async function decideLanguage({ declared, accountLanguage, text }: LanguageEvidence): Promise<string> {
  const stated = declared ?? accountLanguage;
  const identified = await identifyLanguage(text);
  const confident = identified !== null && identified.reliable && identified.probability >= CONFIDENT && isLongEnoughToIdentify(text);
  if (confident && identified) {
    const sameBase = stated !== null && stated.split("-")[0]!.toLowerCase() === identified.language;
    return sameBase ? stated! : (normalizeLanguageTag(identified.language) ?? identified.language);
  }
  // A few words say too little: "Bins." is Kurdish to CLD3.
  return stated ?? guessLanguageFromScript(text) ?? "und";
}
