// Pure: used by the playlist routes and by the signage page in the browser.

/** The fields of an announcement a slide's reading time depends on. */
export interface TimedText {
  summary: string | null;
  text: string;
  attachments: { alt: string | null }[];
}

/** Seconds a slide stays up: long enough to read it aloud slowly, 10 s plus 0.4 s a word, at most a minute. */
export function getSlideDuration(announcement: TimedText): number {
  const words = countWords(`${announcement.summary ?? ""} ${announcement.text} ${announcement.attachments.map((a) => a.alt ?? "").join(" ")}`);
  return Math.min(60, Math.round((10 + 0.4 * words) * 10) / 10);
}

/** Words as a reader sees them (Intl.Segmenter also splits Japanese, which has no spaces). */
export function countWords(text: string): number {
  let words = 0;
  for (const part of new Intl.Segmenter(undefined, { granularity: "word" }).segment(text)) if (part.isWordLike) words++;
  return words;
}
