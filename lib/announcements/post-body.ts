import { escapeHtml, isRecord, readString, truncateText } from "./as-values";
import { htmlToText, looksLikeHtml, readFieldAsText } from "./html-to-text";
import { normalizeLanguageTag } from "./language";
import { readExtrasHtml } from "./post-extras";
import { sanitizeHtml } from "./sanitize-html";

/** Remote HTML longer than this is cut before sanitising, to bound the work per post. */
export const MAX_CONTENT_HTML_LENGTH = 200_000;
export const DEFAULT_MAX_TEXT_LENGTH = 20_000;
const MAX_SUMMARY_LENGTH = 1_000;
const MAX_HEADING_LENGTH = 500;

// In microblogging types `summary` is the content warning; in long-form types
// it is an excerpt (WordPress, NodeBB, Funkwhale), unless flagged sensitive.
const CONTENT_WARNING_TYPES = new Set(["Note", "Question"]);
// Filenames, not titles (Hubzilla photo posts).
const UNTITLED_TYPES = new Set(["Image"]);

export interface PostBody {
  html: string;
  text: string;
  summary: string | null;
  sensitive: boolean;
}

export interface PostBodyInput {
  object: Record<string, unknown>;
  type: string;
  language: string | null;
  objectUrl: string | null;
  pageLinks: string[];
  maxTextLength: number;
}

function linkify(escaped: string): string {
  return escaped.replace(/\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)'\]]/g, (url) => `<a href="${url}">${url}</a>`);
}

/** Turns plain text (PeerTube's markdown, Misskey's MFM source) into paragraphs. */
function plainTextToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== "")
    .map((paragraph) => `<p>${linkify(escapeHtml(paragraph)).replace(/\n/g, "<br>")}</p>`)
    .join("");
}

function readMapValue(map: unknown, language: string | null): string | null {
  if (!isRecord(map)) return null;
  const entries = Object.entries(map).filter(([, value]) => readString(value) !== null);
  const match = entries.find(([key]) => language !== null && normalizeLanguageTag(key) === language);
  const value = (match ?? entries[0])?.[1];
  return typeof value === "string" ? value : null;
}

function readSourceText(source: unknown): string | null {
  if (typeof source === "string") return readString(source);
  if (!isRecord(source)) return null;
  const mediaType = readString(source.mediaType) ?? "text/plain";
  // Only formats that read acceptably as plain text; BBCode would show its tags.
  return /^text\/(plain|markdown|x\.misskeymarkdown)/.test(mediaType) ? readString(source.content) : null;
}

/** Reads the post body as HTML: `content`, else `contentMap`, else Misskey's or `source` plain text. */
function readContentHtml(object: Record<string, unknown>, language: string | null): string {
  const content = readString(object.content) ?? readMapValue(object.contentMap, language);
  if (content !== null) {
    const mediaType = readString(object.mediaType) ?? "";
    const isPlain = /^text\/(plain|markdown)/.test(mediaType) || !looksLikeHtml(content);
    const bounded = content.slice(0, MAX_CONTENT_HTML_LENGTH);
    return isPlain ? plainTextToHtml(bounded) : bounded;
  }
  const fallback = readString(object._misskey_content) ?? readSourceText(object.source);
  return fallback === null ? "" : plainTextToHtml(fallback.slice(0, MAX_CONTENT_HTML_LENGTH));
}

function readPlainField(value: unknown, map: unknown, language: string | null): string | null {
  const raw = readString(value) ?? readMapValue(map, language);
  if (raw === null) return null;
  return readString(readFieldAsText(raw, MAX_CONTENT_HTML_LENGTH));
}

function readHeading(input: PostBodyInput, bodyText: string): string | null {
  if (UNTITLED_TYPES.has(input.type)) return null;
  // NodeBB gives every reply in a topic the topic's title as its `name`: on a reply
  // Note it names the thread, not this post (an Article keeps its own title).
  if (input.type === "Note" && input.object.inReplyTo != null) return null;
  const name = readPlainField(input.object.name, input.object.nameMap, input.language);
  if (name === null) return null;
  const heading = truncateText(name.replace(/\s+/g, " "), MAX_HEADING_LENGTH);
  // Some servers repeat the title as the first line of the body.
  return bodyText.startsWith(heading) ? null : heading;
}

/**
 * Builds the sanitised HTML, plain text and content warning of a post: title
 * heading, body (or excerpt when the body is empty), then poll options, event
 * details and links that only exist outside `content`.
 */
export function buildPostBody(input: PostBodyInput): PostBody {
  const { object, type, language } = input;
  const summaryText = readPlainField(object.summary, object.summaryMap, language);
  const isFlagged = object.sensitive === true;
  const isWarning = CONTENT_WARNING_TYPES.has(type) || isFlagged;
  const summary = isWarning && summaryText !== null ? truncateText(summaryText, MAX_SUMMARY_LENGTH) : null;

  let bodyHtml = sanitizeHtml(readContentHtml(object, language));
  let bodyText = htmlToText(bodyHtml);
  if (bodyText === "" && !isWarning && summaryText !== null) {
    const excerpt = readString(object.summary) ?? summaryText;
    bodyHtml = sanitizeHtml(looksLikeHtml(excerpt) ? excerpt.slice(0, MAX_CONTENT_HTML_LENGTH) : plainTextToHtml(excerpt));
    bodyText = htmlToText(bodyHtml);
  }

  const heading = readHeading(input, bodyText);
  const headingHtml = heading === null ? "" : `<p><strong>${escapeHtml(heading)}</strong></p>`;
  const extrasHtml = sanitizeHtml(readExtrasHtml(input, bodyHtml));
  const html = `${headingHtml}${bodyHtml}${extrasHtml}`;
  return {
    html,
    text: truncateText(htmlToText(html), input.maxTextLength),
    summary,
    sensitive: isFlagged || summary !== null,
  };
}

/** Whether an object carries any body text at all (content, its map, or a source). */
export function hasContent(object: Record<string, unknown>): boolean {
  if (readString(object.content) !== null || readString(object._misskey_content) !== null) return true;
  return isRecord(object.contentMap) && Object.values(object.contentMap).some((value) => readString(value) !== null);
}
