import { escapeXml } from "./xml";
import { getItemHtml, getItemTitle, getItemUrl, type FeedSource } from "./feed-source";

/** Builds an RSS 2.0 document (with atom:link rel=self, as feed validators ask). */
export function buildRssFeed(feed: FeedSource, origin: string): string {
  const items = feed.items.map((item) => {
    const link = getItemUrl(origin, item);
    return [
      "<item>",
      `<title>${escapeXml(getItemTitle(item))}</title>`,
      `<link>${escapeXml(link)}</link>`,
      `<guid isPermaLink="false">${escapeXml(item.uri)}</guid>`,
      `<pubDate>${new Date(item.published).toUTCString()}</pubDate>`,
      `<dc:creator>${escapeXml(`${item.account.name} (${item.account.handle})`)}</dc:creator>`,
      ...item.tags.map((tag) => `<category>${escapeXml(tag)}</category>`),
      `<description>${escapeXml(getItemHtml(origin, item))}</description>`,
      "</item>",
    ].join("");
  });
  const updated = feed.items[0]?.updated ?? feed.items[0]?.published;
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    "<channel>",
    `<title>${escapeXml(feed.title)}</title>`,
    `<link>${escapeXml(feed.pageUrl)}</link>`,
    `<description>${escapeXml(feed.description)}</description>`,
    `<language>${escapeXml(feed.language)}</language>`,
    `<atom:link href="${escapeXml(feed.selfUrl)}" rel="self" type="application/rss+xml"/>`,
    updated ? `<lastBuildDate>${new Date(updated).toUTCString()}</lastBuildDate>` : "",
    ...items,
    "</channel>",
    "</rss>",
  ].join("\n");
}
