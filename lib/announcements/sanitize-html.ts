import sanitize from "sanitize-html";
import { listTagsLaidOut } from "./html-tags";

// The allowlist follows Mastodon's own sanitiser
// (mastodon/mastodon `lib/sanitize_ext/sanitize_config.rb`, MASTODON_STRICT)
// and Elk's port of it (elk-zone/elk `app/composables/content-parse.ts`):
// remote servers already shape posts for it, so nothing a post relies on is lost.
const ALLOWED_TAGS = [
  "p", "br", "span", "a", "del", "s", "pre", "code", "em", "strong", "b", "i", "u",
  "ul", "ol", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6",
];

// Microformats Mastodon keeps for mentions, hashtags and shortened links.
const ALLOWED_CLASSES = ["h-card", "mention", "hashtag", "u-url", "invisible", "ellipsis"];

const LINK_REL = "nofollow noopener noreferrer";

// Not an allowed tag, so sanitize-html drops the element and keeps its text.
const UNWRAP = "crier-unwrap";

// Elements removed together with everything inside them, and block containers
// other servers use (kept as paragraphs so text keeps its breaks): both from the
// one table htmlToText reads too. <hr> is void, so it becomes a line break instead.
const DROPPED_WITH_CONTENT = listTagsLaidOut("dropped");
const AS_PARAGRAPH = [...listTagsLaidOut("paragraph"), ...listTagsLaidOut("line")].filter((tag) => !ALLOWED_TAGS.includes(tag) && tag !== "hr");

const MAX_INPUT_LENGTH = 1_000_000;
/** Longest sanitised HTML kept: closing what a hostile post leaves open can double its length. */
export const MAX_SANITIZED_LENGTH = 200_000;
// Real posts nest a handful of elements (p > span > a > span); deeper ones are
// unwrapped, their text kept, so no page gets a tree thousands of levels deep.
const MAX_NESTING = 40;

function readSafeHref(href: string | undefined): string | null {
  if (href === undefined || href.length > 2_048) return null;
  try {
    // No base URL: relative links fail here, as they would point at Crier.
    const url = new URL(href.trim());
    return ["http:", "https:", "mailto:"].includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

function readInteger(value: string | undefined): string | null {
  return value !== undefined && /^-?\d{1,6}$/.test(value.trim()) ? value.trim() : null;
}

const transformLink: sanitize.Transformer = (_tagName, attribs) => {
  const href = readSafeHref(attribs.href);
  if (href === null) return { tagName: UNWRAP, attribs: {} };
  const kept: sanitize.Attributes = { href, rel: LINK_REL };
  if (attribs.class !== undefined) kept.class = attribs.class;
  return { tagName: "a", attribs: kept };
};

const transformOrderedList: sanitize.Transformer = (tagName, attribs) => {
  const kept: sanitize.Attributes = {};
  const start = readInteger(attribs.start);
  if (start !== null) kept.start = start;
  if (attribs.reversed !== undefined) kept.reversed = "";
  return { tagName, attribs: kept };
};

const transformListItem: sanitize.Transformer = (tagName, attribs) => {
  const value = readInteger(attribs.value);
  const kept: sanitize.Attributes = {};
  if (value !== null) kept.value = value;
  return { tagName, attribs: kept };
};

// Pleroma and Akkoma send custom emoji as <img alt=":name:">; Mastodon shows
// the shortcode as text, and so do we. Any other image is dropped.
const transformImage: sanitize.Transformer = (_tagName, attribs) => {
  const alt = attribs.alt?.trim() ?? "";
  const isShortcode = /^:[\w+-]{1,64}:$/.test(alt);
  // EMOJI, a kept element that sanitizeHtml then unwraps, not UNWRAP: sanitize-html
  // never closes a dropped void element, so text set on one swallowed the rest of its
  // parent's text (a caption after an emoji lost its words).
  return isShortcode
    ? { tagName: EMOJI, attribs: {}, text: alt }
    : { tagName: UNWRAP, attribs: {} };
};

// Holds only an emoji's escaped shortcode (an <img> has no children), and the
// same name in a post is unwrapped on the way in, so this always matches it.
const EMOJI = "crier-emoji";
const EMOJI_ELEMENT = /<crier-emoji>([^<]*)<\/crier-emoji>/g;

// A paragraph left with nothing to read (its picture went to the attachments) is
// dropped. An emoji kept as its shortcode counts as content (sanitize-html lists it
// among the paragraph's media children; a dropped picture is not listed).
function isEmptyParagraph(frame: sanitize.IFrame & { name?: string }): boolean {
  return (frame.name ?? frame.tag) === "p" && frame.text.trim() === "" && frame.mediaChildren.length === 0;
}

// `allowedEmptyAttributes` is missing from @types/sanitize-html 2.x.
const OPTIONS: sanitize.IOptions & { allowedEmptyAttributes: string[] } = {
  allowedTags: [...ALLOWED_TAGS, EMOJI],
  allowedAttributes: { a: ["href", "rel"], ol: ["start", "reversed"], li: ["value"] },
  allowedClasses: { a: ALLOWED_CLASSES, span: ALLOWED_CLASSES },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: {},
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  allowedEmptyAttributes: ["reversed"],
  disallowedTagsMode: "discard",
  nestingLimit: MAX_NESTING,
  nonTextTags: DROPPED_WITH_CONTENT,
  exclusiveFilter: isEmptyParagraph,
  transformTags: {
    a: transformLink,
    ol: transformOrderedList,
    li: transformListItem,
    img: transformImage,
    [EMOJI]: () => ({ tagName: UNWRAP, attribs: {} }),
    hr: "br",
    strike: "s",
    ...Object.fromEntries(AS_PARAGRAPH.map((tag) => [tag, "p"])),
  },
};

/**
 * Reduces remote HTML to Mastodon's allowlist, at most MAX_SANITIZED_LENGTH
 * characters (the input is cut shorter until it fits); never throws, "" for non-strings.
 */
export function sanitizeHtml(html: unknown): string {
  if (typeof html !== "string" || html === "") return "";
  try {
    let input = html.slice(0, MAX_INPUT_LENGTH);
    for (let attempt = 0; attempt < 4; attempt++) {
      const output = sanitize(input, OPTIONS).replace(EMOJI_ELEMENT, "$1");
      if (output.length <= MAX_SANITIZED_LENGTH) return output;
      input = input.slice(0, Math.floor((input.length * MAX_SANITIZED_LENGTH * 0.9) / output.length));
    }
    return "";
  } catch {
    return "";
  }
}
