import { escapeXml } from "./xml";
import { getItemHtml, getItemPictures, getItemTitle, getItemUrl, type FeedSource } from "./feed-source";

/** Builds an Atom (RFC 4287) document. */
export function buildAtomFeed(feed: FeedSource, origin: string): string {
  const entries = feed.items.map((item) => {
    const language = item.language && item.language !== "und" ? ` xml:lang="${escapeXml(item.language)}"` : "";
    return [
      `<entry${language}>`,
      `<id>${escapeXml(item.uri)}</id>`,
      `<title>${escapeXml(getItemTitle(item))}</title>`,
      `<link rel="alternate" type="text/html" href="${escapeXml(getItemUrl(origin, item))}"/>`,
      ...getItemPictures(origin, item).map((picture) => `<link rel="enclosure" type="image/jpeg" href="${escapeXml(picture.url)}"${picture.alt ? ` title="${escapeXml(picture.alt.slice(0, 200))}"` : ""}/>`),
      `<published>${escapeXml(item.published)}</published>`,
      `<updated>${escapeXml(item.updated ?? item.published)}</updated>`,
      `<author><name>${escapeXml(item.account.name)}</name>${item.account.url ? `<uri>${escapeXml(item.account.url)}</uri>` : ""}</author>`,
      ...item.tags.map((tag) => `<category term="${escapeXml(tag)}"/>`),
      `<content type="html">${escapeXml(getItemHtml(origin, item))}</content>`,
      "</entry>",
    ].join("");
  });
  // The feed changed when its latest-edited entry did, not necessarily the newest one.
  const updated = feed.items.map((item) => item.updated ?? item.published).sort().at(-1) ?? new Date().toISOString();
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(feed.language)}">`,
    `<id>${escapeXml(feed.selfUrl)}</id>`,
    `<title>${escapeXml(feed.title)}</title>`,
    `<subtitle>${escapeXml(feed.description)}</subtitle>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeXml(feed.pageUrl)}"/>`,
    `<updated>${escapeXml(updated)}</updated>`,
    ...entries,
    "</feed>",
  ].join("\n");
}
