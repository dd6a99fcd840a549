import { getEnv } from "../env";
import { EventInvalidatedCache } from "../announcements/list-cache";
import { listAnnouncements } from "../announcements/listing";
import { getEventBus } from "../events/bus";
import { getRuntimePart } from "../runtime/registry";
import { formatMessage, getMessages, selectLocale } from "../i18n";
import { buildAtomFeed } from "./atom";
import { buildRssFeed } from "./rss";
import { respondWithEtag } from "./feed-response";
import type { FeedSource } from "./feed-source";

export type FeedFormat = "rss" | "atom";

const FEED_SIZE = 50;
const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
};
const FILE_NAMES: Record<FeedFormat, string> = { rss: "feed.xml", atom: "atom.xml" };

/** Path of a feed: all announcements, or one account's. */
export function getFeedPath(format: FeedFormat, account?: string | null): string {
  return account ? `/accounts/${encodeURIComponent(account)}/${FILE_NAMES[format]}` : `/${FILE_NAMES[format]}`;
}

/** Loads the newest announcements (all, or one account's) and describes them as a feed. */
export async function loadFeedSource(format: FeedFormat, request: Request, account?: string | null): Promise<FeedSource> {
  const origin = getEnv().publicUrl;
  const locale = selectLocale(request.headers.get("accept-language"));
  const messages = getMessages(locale);
  const items = await listAnnouncements({ limit: FEED_SIZE, account });
  const name = account ? (items[0]?.account.name ?? account) : null;
  return {
    title: name ? formatMessage(messages.accountTitle, { name }) : messages.siteName,
    description: name ? formatMessage(messages.accountIntro, { name, handle: account! }) : messages.siteTagline,
    pageUrl: account ? `${origin}/accounts/${encodeURIComponent(account)}` : `${origin}/`,
    selfUrl: `${origin}${getFeedPath(format, account)}`,
    language: locale,
    items,
  };
}

/** Built feeds, kept until an announcement event (like the reader pages: a crowd polls the same few). */
function getFeedCache(): EventInvalidatedCache {
  return getRuntimePart("feed-cache", () => new EventInvalidatedCache(getEventBus(), { maxEntries: 256, maxBytes: 32 * 1024 * 1024, ttlMs: 60_000 }), (cache) => cache.close());
}

/**
 * Serves a feed (RSS 2.0 or Atom) of all announcements or one account's, built once
 * per change. Caches may keep it but ask again each time (`no-cache`, answered `304`
 * from the ETag), so a new post is in the feed on the next request.
 */
export async function respondWithFeed(format: FeedFormat, request: Request, account?: string | null): Promise<Response> {
  const key = JSON.stringify([format, account ?? null, selectLocale(request.headers.get("accept-language"))]);
  const body = await getFeedCache().get(key, async () => {
    const source = await loadFeedSource(format, request, account);
    const origin = getEnv().publicUrl;
    return format === "rss" ? buildRssFeed(source, origin) : buildAtomFeed(source, origin);
  }, (text) => text.length * 2);
  return respondWithEtag(request, body, { "content-type": CONTENT_TYPES[format], "cache-control": "public, no-cache", vary: "accept-language" });
}
