import type { LexiconEntry } from "./lexicon";

// The lexicon as the /admin form edits it: one entry a line,
//   word | respelling | phonemes | language
// with empty fields left empty, and lines starting with # as comments.

export const LEXICON_LINE_HELP = "word | respelling | phonemes | language";

/** The lines of a lexicon, for the admin form's text box. */
export function formatLexiconLines(entries: LexiconEntry[]): string {
  return entries
    .map((entry) => [entry.word, entry.respelling ?? "", entry.phonemes ?? "", entry.language ?? ""].join(" | ").replace(/(?: \|\s*)+$/, "").replace(/\|  \|/g, "| |").replace(/\|  \|/g, "| |"))
    .join("\n");
}

/** The form's text as the admin API's body ({"entries": [...]}), for parseLexicon to check. */
export function parseLexiconLines(text: string): { entries: Record<string, string>[] } {
  const entries: Record<string, string>[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    const [word = "", respelling = "", phonemes = "", language = ""] = line.split("|").map((field) => field.trim());
    entries.push({
      word,
      ...(respelling ? { respelling } : {}),
      ...(phonemes ? { phonemes } : {}),
      ...(language ? { language } : {}),
    });
  }
  return { entries };
}
