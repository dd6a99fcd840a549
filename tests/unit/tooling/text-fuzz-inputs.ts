// Adversarial text for the linear-time fuzzer (regex-fuzz.test.ts): shapes that make
// backtracking regular expressions go quadratic — long runs of URL characters, runs of
// trailing punctuation that almost end a match, repeated separators, nested markup —
// each grown to any length from a fixed seed, so a failure reproduces exactly.

function pick(random: () => number, alphabet: string): string {
  const chars = [...alphabet];
  return chars[Math.floor(random() * chars.length)]!;
}

/** Repeats `unit` (a function of the PRNG) until the text is `length` characters long. */
function grow(length: number, unit: () => string, prefix = ""): string {
  let text = prefix;
  while (text.length < length) text += unit();
  return text.slice(0, length);
}

const URL_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-~%?=&#+";
const TRAILING = ".,;:!?)]";

export interface FuzzShape {
  name: string;
  /** The text of this shape at `length` characters, from a PRNG seeded for this shape. */
  make: (length: number, random: () => number) => string;
}

/** Every shape the fuzzer tries; each must cost roughly linear time in every text function. */
export const FUZZ_SHAPES: FuzzShape[] = [
  { name: "one long URL", make: (n, r) => grow(n, () => pick(r, URL_CHARS), "https://council.example/") },
  { name: "URL of trailing punctuation runs", make: (n, r) => grow(n, () => `${pick(r, TRAILING).repeat(1 + Math.floor(r() * 40))}a`, "http://x.example/") },
  { name: "URL then endless dots", make: (n) => grow(n, () => ".", "https://x.example/a") + "b" },
  { name: "many URLs with punctuation", make: (n, r) => grow(n, () => `https://a${Math.floor(r() * 99)}.example/${pick(r, URL_CHARS)}${pick(r, TRAILING)}${pick(r, TRAILING)} `) },
  { name: "bare punctuation runs", make: (n, r) => grow(n, () => pick(r, TRAILING)) + "x" },
  { name: "repeated separators", make: (n, r) => grow(n, () => pick(r, "_.-_.-/:@#")) + "a" },
  { name: "handles without end", make: (n, r) => grow(n, () => `@${pick(r, "ab_.-")}${pick(r, "@.:")}`) },
  { name: "hashtags and ampersands", make: (n, r) => grow(n, () => pick(r, "#&#a_1")) },
  { name: "digits, colons and spaces", make: (n, r) => grow(n, () => pick(r, "0123456789:./-  hapm")) },
  { name: "a digit then whitespace", make: (n) => `1${" ".repeat(n - 2)}x` },
  { name: "whitespace and newlines", make: (n, r) => grow(n, () => pick(r, " \n\t\r\u00a0")) + "z" },
  { name: "nested markup", make: (n, r) => grow(n, () => ["<b>", "<i>", "<a href='", "<p>", "</", "<<", "((", "[[", "{{"][Math.floor(r() * 9)]!) },
  { name: "entities", make: (n, r) => grow(n, () => ["&amp;", "&#", "&#x", "&", ";", "&lt;", "&#1234"][Math.floor(r() * 7)]!) },
  { name: "emoji and custom emoji", make: (n, r) => grow(n, () => ["🌊", "\u200d", "\ufe0f", ":", "blob", "🇳", "🏻", ":a_"][Math.floor(r() * 8)]!) },
  { name: "mixed scripts", make: (n, r) => grow(n, () => pick(r, "aé日本ال中عא 1.#@:/")) },
  { name: "camel case word", make: (n, r) => grow(n, () => pick(r, "aAbB1_")) },
];
