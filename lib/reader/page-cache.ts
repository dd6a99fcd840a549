import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { EventInvalidatedCache } from "../announcements/list-cache";
import { getEventBus } from "../events/bus";
import { acceptsGzip, gzipOnce } from "../http/precompressed";
import { getMediaGeneration } from "../media/media-service";
import { getRuntimePart } from "../runtime/registry";
import type { ReaderContext } from "./reader-context";

// In an emergency everyone opens the same page at once. A reader page is kept, as the
// HTML Next rendered, per variant that changes it (path and query, language, theme,
// text size, the day it is in the council's zone) until any announcement event
// (created, updated, deleted, hidden, local or from another instance) or a picture
// found unavailable: the first visitor after a change pays the render, the others get
// the bytes. A minute's expiry bounds what changes without an event ("today" becoming
// "yesterday", an account's new name).

const LIMITS = { maxEntries: 512, maxBytes: 64 * 1024 * 1024, ttlMs: 60_000 };

/**
 * Shared caches and browsers may keep a page but must ask again each time (a new post
 * is visible on the next request); the ETag makes asking cheap (304). The variant
 * comes from cookies and Accept-Language, hence Vary.
 */
const CACHE_CONTROL = "public, no-cache";
const VARY = "Cookie, Accept-Language, Accept-Encoding";

/** A kept page: its HTML, the same compressed once (lib/http/precompressed.ts), and its ETag. */
interface CachedPage { body: Buffer; gzip: Buffer; etag: string }

function getPageCache(): EventInvalidatedCache {
  return getRuntimePart("reader-page-cache", () => new EventInvalidatedCache(getEventBus(), LIMITS), (cache) => cache.close());
}

/** What getServerSideProps returns after answerFromPageCache answered: the response is sent, so Next renders nothing. */
export const ANSWERED_FROM_CACHE = { props: {} } as { props: any };

/**
 * The key of one variant of a page: its path and the one query parameter pages read
 * (`before`), so made-up query strings cannot push the real pages out.
 */
export function getPageVariantKey(url: string, context: ReaderContext, now = new Date()): string {
  const parsed = new URL(url, "http://reader.invalid");
  const day = now.toLocaleDateString("en-CA", { timeZone: context.timeZone });
  return JSON.stringify([parsed.pathname, parsed.searchParams.get("before"), context.locale, context.settings, day, getMediaGeneration()]);
}

/**
 * Call first in getServerSideProps. Answers from the cache (200 with the kept HTML, or
 * 304) and returns true, in which case Next renders nothing; else returns false, and
 * the HTML Next is about to render is kept for the next visitor. Readers arriving while
 * the first one's page renders wait for it.
 */
export async function answerFromPageCache(req: IncomingMessage, res: ServerResponse, context: ReaderContext): Promise<boolean> {
  res.setHeader("Cache-Control", CACHE_CONTROL);
  res.setHeader("Vary", VARY);
  if (req.method !== "GET") return false;
  const key = getPageVariantKey(req.url ?? "/", context);
  let isRenderingHere = false;
  let keep: (page: CachedPage | null) => void = () => undefined;
  const page = getPageCache().get<CachedPage | null>(key, () => {
    isRenderingHere = true;
    return new Promise((resolve) => (keep = resolve));
  }, (kept) => (kept ? kept.body.byteLength + kept.gzip.byteLength + 512 : Number.POSITIVE_INFINITY));
  if (isRenderingHere) {
    capturePage(res, keep);
    return false;
  }
  const kept = await page;
  if (!kept) return false;
  sendPage(req, res, kept);
  return true;
}

function sendPage(req: IncomingMessage, res: ServerResponse, page: CachedPage): void {
  res.setHeader("ETag", page.etag);
  const ifNoneMatch = req.headers["if-none-match"];
  if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === page.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  // Already compressed: Next's own compression leaves a body with a Content-Encoding alone.
  const isGzip = acceptsGzip(req.headers["accept-encoding"]);
  const body = isGzip ? page.gzip : page.body;
  if (isGzip) res.setHeader("Content-Encoding", "gzip");
  res.setHeader("Content-Length", String(body.byteLength));
  res.end(body);
}

/** Keeps the HTML Next ends the response with (a 200 HTML page only); anything else keeps nothing. */
function capturePage(res: ServerResponse, keep: (page: CachedPage | null) => void): void {
  const chunks: Buffer[] = [];
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const collect = (chunk: unknown) => {
    if (typeof chunk === "string") chunks.push(Buffer.from(chunk));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    collect(chunk);
    return write(chunk, ...rest);
  }) as ServerResponse["write"];
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (typeof chunk !== "function") collect(chunk);
    const body = Buffer.concat(chunks);
    // Only the page itself: never a redirect, an error page or Next's JSON data answer.
    if (res.statusCode === 200 && body.byteLength > 0 && String(res.getHeader("content-type") ?? "").startsWith("text/html")) {
      const etag = String(res.getHeader("etag") ?? `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`);
      if (!res.getHeader("etag")) res.setHeader("ETag", etag);
      keep({ body, gzip: gzipOnce(body), etag });
    } else {
      keep(null);
    }
    return end(chunk, ...rest);
  }) as ServerResponse["end"];
  // A render that fails or a client that leaves before the end keeps nothing (and frees those waiting).
  res.once("close", () => keep(null));
}
