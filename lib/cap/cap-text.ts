// Small pure helpers shared by the CAP writer and reader.

/** A CAP dateTime: seconds, and an explicit offset (CAP 1.2 forbids "Z" and fractions). */
export function formatCapDate(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

const HEADLINE_MAX = 160;

/** The first sentence (or line) of a text, at most 160 characters ("…" marks a cut). */
export function firstSentence(text: string): string {
  const firstLine = text.trim().split(/\n/)[0]?.trim() ?? "";
  const end = /[.!?。！？](?=\s|$)/u.exec(firstLine);
  const sentence = end ? firstLine.slice(0, end.index + 1) : firstLine;
  const characters = [...sentence];
  return characters.length <= HEADLINE_MAX ? sentence : `${characters.slice(0, HEADLINE_MAX - 1).join("").trimEnd()}…`;
}
