import { Parser } from "htmlparser2";
import { TEXT_LAYOUT } from "./html-tags";
import { sanitizeHtml } from "./sanitize-html";

const LINE = 1;
const PARAGRAPH = 2;
const MAX_INPUT_LENGTH = 1_000_000;

interface OpenElement {
  isSkipped: boolean;
  hasEllipsis: boolean;
}

function readClasses(attribs: Record<string, string>): string[] {
  return (attribs.class ?? "").split(/\s+/).filter((name) => name !== "");
}

/**
 * Collects text with breaks that merge rather than add up: "</li><li>" asks for
 * two line breaks but means one, and "</p><ul>" means one blank line.
 */
class TextWriter {
  private readonly parts: string[] = [];
  private pendingBreak = 0;

  requestBreak(size: number): void {
    this.pendingBreak = Math.max(this.pendingBreak, size);
  }

  write(text: string): void {
    // Whitespace next to a break is layout, not content.
    if (text.trim() === "" && (this.pendingBreak > 0 || this.parts.length === 0)) return;
    if (this.pendingBreak > 0 && this.parts.length > 0) this.parts.push("\n".repeat(this.pendingBreak));
    this.pendingBreak = 0;
    this.parts.push(text);
  }

  toString(): string {
    return this.parts
      .join("")
      .split("\n")
      .map((line) => line.replace(/[^\S\n]+/g, " ").trim())
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim();
  }
}

function isList(name: string): boolean {
  return name === "ul" || name === "ol";
}

function collectText(html: string): string {
  const writer = new TextWriter();
  const stack: OpenElement[] = [];
  let skipDepth = 0;
  let preDepth = 0;
  let listDepth = 0;

  // Nested lists continue their parent item's lines instead of opening a paragraph.
  const breakFor = (name: string): number =>
    isList(name) && listDepth > 0 ? LINE : TEXT_LAYOUT[name] === "paragraph" ? PARAGRAPH : TEXT_LAYOUT[name] === "line" ? LINE : 0;

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const classes = readClasses(attribs);
        // Mastodon hides the scheme and tail of long links in `invisible`
        // spans and marks the cut with `ellipsis`; read links the way it shows them.
        const isSkipped = TEXT_LAYOUT[name] === "dropped" || (name === "span" && classes.includes("invisible"));
        stack.push({ isSkipped, hasEllipsis: classes.includes("ellipsis") });
        if (isSkipped) skipDepth++;
        if (skipDepth > 0) return;
        if (name === "br") {
          // A <br> is content: two in a row make a blank line.
          writer.write("\n");
          return;
        }
        writer.requestBreak(breakFor(name));
        if (name === "li") writer.write("• ");
        if (name === "pre") preDepth++;
        if (isList(name)) listDepth++;
      },
      ontext(text) {
        if (skipDepth > 0) return;
        // Inside <pre> the author's line breaks are content; elsewhere they are layout.
        writer.write(preDepth > 0 ? text.replace(/\r\n?/g, "\n") : text.replace(/\s+/g, " "));
      },
      onclosetag(name) {
        const element = stack.pop();
        if (element === undefined) return;
        if (element.isSkipped) {
          skipDepth--;
          return;
        }
        if (skipDepth > 0 || name === "br") return;
        if (element.hasEllipsis) writer.write("…");
        if (name === "pre") preDepth = Math.max(0, preDepth - 1);
        if (isList(name)) listDepth = Math.max(0, listDepth - 1);
        writer.requestBreak(breakFor(name));
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html.slice(0, MAX_INPUT_LENGTH));
  parser.end();
  return writer.toString();
}

/**
 * Turns sanitised post HTML into plain text for speech and slides: blocks
 * and <br> become line breaks, paragraphs are separated by a blank line, list
 * items start with "• ", entities are decoded. Never throws.
 */
export function htmlToText(html: unknown): string {
  if (typeof html !== "string" || html === "") return "";
  try {
    return collectText(html);
  } catch {
    return "";
  }
}

/** Longest field read as HTML by default (names, alt text); post fields pass their own bound. */
const MAX_FIELD_INPUT_LENGTH = 10_000;

/** Whether a field holds markup or character references rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  return /<[a-z!/]/i.test(text) || /&(?:#\d+|#x[0-9a-f]+|[a-z]+);/i.test(text);
}

/**
 * The one way a remote field that may hold HTML (a content warning, a title, alt
 * text, a display name) becomes plain text: markup is sanitised, then read with
 * htmlToText; plain text is kept as it is. The first `maxInputLength` characters count.
 */
export function readFieldAsText(raw: string, maxInputLength = MAX_FIELD_INPUT_LENGTH): string {
  return looksLikeHtml(raw) ? htmlToText(sanitizeHtml(raw.slice(0, maxInputLength))) : raw;
}
