import { Parser } from "htmlparser2";

// Blocks that stand apart from their neighbours by a blank line.
const PARAGRAPHS = new Set([
  "p", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table",
  "figure", "section", "article", "header", "footer", "aside", "address", "details", "dl",
  "hr", "main", "nav",
]);
// Blocks that only start a new line.
const LINES = new Set(["div", "li", "tr", "dt", "dd", "figcaption", "caption", "summary"]);
// Never read aloud or shown: code, fallback content, document chrome.
const SKIPPED = new Set([
  "script", "style", "template", "noscript", "head", "title", "iframe", "object",
  "svg", "math", "select", "textarea", "option", "button",
]);

const LINE = "\n";
const PARAGRAPH = "\n\n";
const MAX_INPUT_LENGTH = 1_000_000;

interface OpenElement {
  name: string;
  isSkipped: boolean;
  hasEllipsis: boolean;
}

function readClasses(attribs: Record<string, string>): string[] {
  return (attribs.class ?? "").split(/\s+/).filter((name) => name !== "");
}

function tidyLines(raw: string): string {
  return raw
    .split("\n")
    .map((line) => line.replace(/[^\S\n]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, PARAGRAPH)
    .trim();
}

function collectText(html: string): string {
  const parts: string[] = [];
  const stack: OpenElement[] = [];
  let skipDepth = 0;
  let preDepth = 0;
  let listDepth = 0;

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const classes = readClasses(attribs);
        // Mastodon hides the scheme and tail of long links in `invisible`
        // spans and marks the cut with `ellipsis`; read links the way it shows them.
        const isSkipped = SKIPPED.has(name) || (name === "span" && classes.includes("invisible"));
        stack.push({ name, isSkipped, hasEllipsis: classes.includes("ellipsis") });
        if (isSkipped) skipDepth++;
        if (skipDepth > 0) return;
        if (name === "br") parts.push(LINE);
        else if (name === "li") parts.push(LINE, "• ");
        else if ((name === "ul" || name === "ol") && listDepth > 0) parts.push(LINE);
        else if (PARAGRAPHS.has(name)) parts.push(PARAGRAPH);
        else if (LINES.has(name)) parts.push(LINE);
        if (name === "pre") preDepth++;
        if (name === "ul" || name === "ol") listDepth++;
      },
      ontext(text) {
        if (skipDepth > 0) return;
        // Inside <pre> the author's line breaks are content; elsewhere they are layout.
        parts.push(preDepth > 0 ? text.replace(/\r\n?/g, "\n") : text.replace(/\s+/g, " "));
      },
      onclosetag(name) {
        const element = stack.pop();
        if (element === undefined) return;
        if (element.isSkipped) {
          skipDepth--;
          return;
        }
        if (skipDepth > 0) return;
        if (element.hasEllipsis) parts.push("…");
        if (name === "pre") preDepth = Math.max(0, preDepth - 1);
        if (name === "ul" || name === "ol") listDepth = Math.max(0, listDepth - 1);
        if (name === "td" || name === "th") parts.push(" ");
        else if ((name === "ul" || name === "ol") && listDepth > 0) parts.push(LINE);
        else if (PARAGRAPHS.has(name)) parts.push(PARAGRAPH);
        else if (LINES.has(name)) parts.push(LINE);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, recognizeSelfClosing: true },
  );
  parser.write(html.slice(0, MAX_INPUT_LENGTH));
  parser.end();
  return parts.join("");
}

/**
 * Turns (sanitised) post HTML into plain text for speech and slides: blocks
 * and <br> become line breaks, paragraphs are separated by a blank line, list
 * items start with "• ", entities are decoded. Never throws.
 */
export function htmlToText(html: unknown): string {
  if (typeof html !== "string" || html === "") return "";
  try {
    return tidyLines(collectText(html));
  } catch {
    return "";
  }
}
