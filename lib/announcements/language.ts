import { isRecord, readString, toArray } from "./as-values";

// Tags that say "no language" rather than naming one.
const NOT_A_LANGUAGE = new Set(["und", "zxx", "mul", "mis"]);
const TAG_SHAPE = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i;

/** Normalises a BCP 47 tag ("EN" → "en", "en_gb" → "en-GB"); null for junk and "und". */
export function normalizeLanguageTag(value: unknown): string | null {
  const text = readString(value);
  if (text === null || text.length > 35) return null;
  const tag = text.replace(/_/g, "-");
  if (!TAG_SHAPE.test(tag)) return null;
  if (NOT_A_LANGUAGE.has(tag.split("-")[0].toLowerCase())) return null;
  try {
    // Canonical casing and deprecated codes ("iw" → "he") come from ICU.
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/**
 * Picks the language of an ActivityStreams object: the `contentMap` key whose
 * value best matches `content` (servers send both and they can differ in
 * whitespace), else its first valid key, else `language` (a string or Lemmy's
 * and PeerTube's `{identifier}`), else schema.org `inLanguage`, else an inline
 * `@context` `@language`; null when the object does not say.
 */
export function pickLanguage(object: unknown): string | null {
  if (!isRecord(object)) return null;
  return (
    pickFromContentMap(object.contentMap, object.content) ??
    pickDeclaredLanguage(object.language) ??
    pickDeclaredLanguage(object.inLanguage) ??
    pickFromContentMap(object.nameMap, object.name) ??
    pickFromContentMap(object.summaryMap, object.summary) ??
    pickContextLanguage(object["@context"])
  );
}

/** Returns the language key of a `contentMap`-like object that best matches `content`. */
export function pickFromContentMap(map: unknown, content: unknown): string | null {
  if (!isRecord(map)) return null;
  const candidates: { tag: string; value: string }[] = [];
  for (const [key, value] of Object.entries(map)) {
    const tag = normalizeLanguageTag(key);
    if (tag !== null && typeof value === "string") candidates.push({ tag, value });
  }
  if (candidates.length === 0) return null;
  if (typeof content !== "string" || candidates.length === 1) return candidates[0].tag;
  const exact = candidates.find((candidate) => candidate.value === content);
  if (exact !== undefined) return exact.tag;
  let best = candidates[0];
  let bestScore = -1;
  for (const candidate of candidates) {
    const score = scoreSimilarity(candidate.value, content);
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best.tag;
}

// Shared prefix plus shared suffix, ignoring whitespace: cheap, and enough to
// tell "the same text with a space missing" from a translation.
function scoreSimilarity(a: string, b: string): number {
  const left = a.replace(/\s+/g, "").slice(0, 5_000);
  const right = b.replace(/\s+/g, "").slice(0, 5_000);
  const limit = Math.min(left.length, right.length);
  let prefix = 0;
  while (prefix < limit && left[prefix] === right[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < limit - prefix &&
    left[left.length - 1 - suffix] === right[right.length - 1 - suffix]
  ) {
    suffix++;
  }
  return (prefix + suffix) / Math.max(left.length, right.length, 1);
}

function pickDeclaredLanguage(value: unknown): string | null {
  for (const entry of toArray(value)) {
    const tag = normalizeLanguageTag(isRecord(entry) ? entry.identifier : entry);
    if (tag !== null) return tag;
  }
  return null;
}

function pickContextLanguage(context: unknown): string | null {
  for (const entry of toArray(context)) {
    if (!isRecord(entry)) continue;
    const tag = normalizeLanguageTag(entry["@language"]);
    if (tag !== null) return tag;
  }
  return null;
}

const SCRIPTS: { language: string; pattern: RegExp }[] = [
  { language: "ko", pattern: /\p{Script=Hangul}/gu },
  { language: "ar", pattern: /\p{Script=Arabic}/gu },
  { language: "he", pattern: /\p{Script=Hebrew}/gu },
  { language: "el", pattern: /\p{Script=Greek}/gu },
  { language: "ru", pattern: /\p{Script=Cyrillic}/gu },
  { language: "th", pattern: /\p{Script=Thai}/gu },
  { language: "hy", pattern: /\p{Script=Armenian}/gu },
  { language: "ka", pattern: /\p{Script=Georgian}/gu },
];

function countMatches(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/**
 * Guesses a language from the writing system when the post does not say, so
 * speech and right-to-left layout still work: "ja" when kana are present and
 * Japanese script dominates, "ko", "ar" (any Arabic-script language), "he",
 * "el", "ru" ("uk" with Ukrainian-only letters), "th", "hy", "ka". Han without
 * kana (Chinese or kanji-only Japanese) and Latin text give null.
 */
export function guessLanguageFromScript(text: unknown): string | null {
  if (typeof text !== "string") return null;
  const sample = text.slice(0, 10_000);
  const letters = countMatches(sample, /\p{L}/gu);
  if (letters === 0) return null;
  const kana = countMatches(sample, /[\p{Script=Hiragana}\p{Script=Katakana}]/gu);
  const han = countMatches(sample, /\p{Script=Han}/gu);
  if (kana > 0 && (kana + han) * 2 >= letters) return "ja";
  for (const { language, pattern } of SCRIPTS) {
    if (countMatches(sample, pattern) * 2 < letters) continue;
    if (language === "ru" && /[їєґ]/iu.test(sample)) return "uk";
    return language;
  }
  return null;
}
