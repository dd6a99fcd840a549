// The one table of how HTML elements lay out as text. The sanitiser builds its
// rewrites and drops from it (what it keeps becomes the stored HTML), and htmlToText
// reads the same table (what it writes becomes the text that slides show and speech
// reads), so the stored HTML and its text cannot disagree about an element.

/** How an element's content stands in the text. */
export type TextLayout =
  /** Its own block, a blank line from its neighbours. */
  | "paragraph"
  /** Starts a new line. */
  | "line"
  /** Never shown or read: code, fallback content, form and document chrome. */
  | "dropped";

export const TEXT_LAYOUT: Readonly<Record<string, TextLayout>> = {
  ...Object.fromEntries([
    "p", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "hr",
    // Containers other servers use: the sanitiser keeps them as paragraphs.
    "div", "section", "article", "header", "footer", "aside", "main", "nav",
    "figcaption", "address", "details", "summary", "dl", "dt", "dd", "table", "tr",
    "td", "th", "caption", "center",
  ].map((tag) => [tag, "paragraph" as const])),
  // Not listed, so laid out inline: <figure> (WordPress, NodeBB) holds a picture, which
  // goes to the attachments, and a <figcaption>, a paragraph of its own; a figure made a
  // paragraph would wrap that one in another.
  li: "line",
  ...Object.fromEntries([
    "script", "style", "textarea", "option", "xmp", "noscript", "noembed", "noframes",
    "template", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math",
    "canvas", "audio", "video", "picture", "map", "select", "button", "form", "title", "head",
  ].map((tag) => [tag, "dropped" as const])),
};

/** The tags laid out one way, e.g. every "dropped" one. */
export function listTagsLaidOut(layout: TextLayout): string[] {
  return Object.entries(TEXT_LAYOUT).filter(([, value]) => value === layout).map(([tag]) => tag);
}
