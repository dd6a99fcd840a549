// Turns what the control API is given into the HTML Mastodon would federate:
// paragraphs, links with Mastodon's invisible/ellipsis spans, hashtag and mention links.
import type { MentionRecord } from "./state.ts";

const HASHTAG = /(?<=^|[^\p{L}\p{N}_&/#])#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu;
const URL_OR_HASHTAG = /(https?:\/\/[^\s<>"]+)|(?<=^|[^\p{L}\p{N}_&/#])#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu;
const LOOKS_LIKE_HTML = /<\/?[a-z][^>]*>/i;

export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

export function tagUrl(origin: string, tag: string): string {
  return `${origin}/tags/${encodeURIComponent(tag.toLowerCase())}`;
}

function renderHashtag(origin: string, tag: string): string {
  return `<a href="${escapeHtml(tagUrl(origin, tag))}" class="mention hashtag" rel="tag">#<span>${escapeHtml(tag)}</span></a>`;
}

function renderLink(url: string): string {
  const scheme = url.match(/^https?:\/\/(www\.)?/)?.[0] ?? "";
  const rest = url.slice(scheme.length);
  const shown = rest.length > 30
    ? `<span class="ellipsis">${escapeHtml(rest.slice(0, 30))}</span><span class="invisible">${escapeHtml(rest.slice(30))}</span>`
    : `<span class="">${escapeHtml(rest)}</span><span class="invisible"></span>`;
  return `<a href="${escapeHtml(url)}" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">${escapeHtml(scheme)}</span>${shown}</a>`;
}

function renderMention(mention: MentionRecord): string {
  const user = (mention.name ?? mention.id).replace(/^@/, "").split("@")[0];
  return `<span class="h-card" translate="no"><a href="${escapeHtml(mention.url ?? mention.id)}" class="u-url mention">@<span>${escapeHtml(user)}</span></a></span>`;
}

function renderPlainText(text: string, origin: string, found: string[]): string {
  const paragraphs = text.trim().split(/\n\s*\n/);
  return paragraphs.map((paragraph) => {
    let html = "";
    let last = 0;
    for (const match of paragraph.matchAll(URL_OR_HASHTAG)) {
      html += escapeHtml(paragraph.slice(last, match.index));
      if (match[1] != null) {
        const url = match[1].replace(/[.,;:!?)]+$/, "");
        html += renderLink(url) + escapeHtml(match[1].slice(url.length));
      } else {
        found.push(match[2]);
        html += renderHashtag(origin, match[2]);
      }
      last = match.index + match[0].length;
    }
    html += escapeHtml(paragraph.slice(last));
    return `<p>${html.replaceAll("\n", "<br />")}</p>`;
  }).join("");
}

function linkHashtagsInHtml(html: string, origin: string, found: string[]): string {
  let linkDepth = 0;
  return html.split(/(<[^>]*>)/).map((part) => {
    if (part.startsWith("<")) {
      if (/^<a[\s>]/i.test(part)) linkDepth += 1;
      else if (/^<\/a\s*>/i.test(part)) linkDepth = Math.max(0, linkDepth - 1);
      return part;
    }
    if (linkDepth > 0) return part;
    return part.replace(HASHTAG, (_, tag: string) => {
      found.push(tag);
      return renderHashtag(origin, tag);
    });
  }).join("");
}

/** Renders post content to Mastodon-style HTML and returns it with every hashtag it carries. */
export function renderContent(source: string, extraTags: readonly string[], mentions: readonly MentionRecord[], origin: string): { html: string; tags: string[] } {
  const found: string[] = [];
  let html = LOOKS_LIKE_HTML.test(source)
    ? linkHashtagsInHtml(source, origin, found)
    : renderPlainText(source, origin, found);
  const missing = extraTags
    .map((tag) => tag.replace(/^#/, ""))
    .filter((tag) => tag !== "" && !found.some((seen) => seen.toLowerCase() === tag.toLowerCase()));
  if (missing.length > 0) html += `<p>${missing.map((tag) => renderHashtag(origin, tag)).join(" ")}</p>`;
  const absent = mentions.filter((mention) => !html.includes(escapeHtml(mention.url ?? mention.id)));
  if (absent.length > 0) {
    const prefix = absent.map(renderMention).join(" ") + " ";
    html = html.startsWith("<p>") ? `<p>${prefix}${html.slice(3)}` : prefix + html;
  }
  const tags: string[] = [];
  for (const tag of [...found, ...missing]) {
    if (!tags.some((seen) => seen.toLowerCase() === tag.toLowerCase())) tags.push(tag);
  }
  return { html, tags };
}
