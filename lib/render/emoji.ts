import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// Twemoji graphics (CC-BY 4.0, attributed in the README). @twemoji/svg 15.0 lacks the
// Unicode 15.1/16 emoji: those are dropped from the text rather than drawn as boxes.

const require = createRequire(import.meta.url);
const EMOJI_DIR = path.dirname(require.resolve("@twemoji/svg/package.json"));
// The v flag knows whole emoji sequences (ZWJ, skin tones, flags) as RGI_Emoji.
const EMOJI_OR_PICTOGRAPH = new RegExp(String.raw`\p{RGI_Emoji}|\p{Extended_Pictographic}|\p{Regional_Indicator}`, "gv");

let available: Set<string> | undefined;
const dataUris = new Map<string, string>();

/** Twemoji's file name for an emoji: code points in hex; FE0F is dropped unless the emoji has a ZWJ. */
function toTwemojiName(emoji: string): string {
  const points = [...emoji].map((char) => char.codePointAt(0)!.toString(16));
  return (emoji.includes("\u200d") ? points : points.filter((point) => point !== "fe0f")).join("-");
}

function hasTwemoji(name: string): boolean {
  available ??= new Set(readdirSync(EMOJI_DIR).filter((file) => file.endsWith(".svg")).map((file) => file.slice(0, -4)));
  return available.has(name);
}

/** Removes emoji Twemoji cannot draw, so they never render as empty boxes; spells out the Dutch Ĳ ligature no font here has. */
export function dropUnknownEmoji(text: string): string {
  return text.replace(/\u0132/g, "IJ").replace(/\u0133/g, "ij").replace(EMOJI_OR_PICTOGRAPH, (emoji) => {
    if (hasTwemoji(toTwemojiName(emoji))) return emoji;
    // Characters such as © are pictographs the fonts draw themselves.
    return /^[\u00a9\u00ae\u2122]$/.test(emoji) ? emoji : "";
  });
}

/** satori's loadAdditionalAsset for emoji: a data URI of the Twemoji SVG, or "" when there is none. */
export function loadEmojiAsset(segment: string): string {
  const name = toTwemojiName(segment);
  const cached = dataUris.get(name);
  if (cached !== undefined) return cached;
  const uri = hasTwemoji(name)
    ? `data:image/svg+xml;base64,${readFileSync(path.join(EMOJI_DIR, `${name}.svg`)).toString("base64")}`
    : "";
  dataUris.set(name, uri);
  return uri;
}

/** Whether text holds an emoji (after dropUnknownEmoji, one Twemoji draws). */
export function hasEmoji(text: string): boolean {
  return /\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(text.replace(/[\u00a9\u00ae\u2122]/g, ""));
}
