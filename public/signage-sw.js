// Crier's signage service worker (scope /signage/): a kiosk screen must never go
// black. Network first for the page and its feed, so content is always current while
// the server answers; when it does not, the last copies are served and the page
// keeps rotating them. Code chunks, fonts and pictures (Crier's own /media copies,
// which never change under their URL) are kept as they are fetched.
const CACHE = "crier-signage-v2";
const MAX_PICTURES = 200;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(["/signage-fonts/atkinson-hyperlegible-400.ttf", "/signage-fonts/atkinson-hyperlegible-700.ttf"]).catch(() => {})));
  self.skipWaiting();
});
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

function kindOf(request, url) {
  if (request.method !== "GET" || url.origin !== self.location.origin) return null;
  if (url.pathname.startsWith("/api/events") || url.pathname.includes("/heartbeat")) return null;
  if (request.mode === "navigate" && url.pathname.startsWith("/signage/")) return "page";
  if (/^\/api\/signage\/[^/]+\/feed\.json$/.test(url.pathname)) return "feed";
  if (url.pathname.startsWith("/_next/static/") || url.pathname.startsWith("/signage-fonts/")) return "static";
  if (url.pathname.startsWith("/media/")) return "picture";
  return null;
}

async function networkFirst(request, cacheKey, markStale) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(cacheKey, response.clone());
    return response;
  } catch (error) {
    const cached = (await cache.match(cacheKey)) ?? (await cache.match(cacheKey, { ignoreSearch: true }));
    if (!cached) throw error;
    if (!markStale) return cached;
    // Tell the page this copy is old (it shows "last updated HH:MM").
    const headers = new Headers(cached.headers);
    headers.set("x-signage-cache", "1");
    return new Response(await cached.blob(), { status: cached.status, headers });
  }
}

async function cacheFirst(request, isPicture) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    await cache.put(request, response.clone());
    if (isPicture) await trimPictures(cache);
  }
  return response;
}

async function trimPictures(cache) {
  const keys = (await cache.keys()).filter((key) => new URL(key.url).pathname.startsWith("/media/"));
  for (const key of keys.slice(0, Math.max(0, keys.length - MAX_PICTURES))) await cache.delete(key);
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  const kind = kindOf(event.request, url);
  if (kind === "page") event.respondWith(networkFirst(event.request, url.pathname, false));
  else if (kind === "feed") event.respondWith(networkFirst(event.request, url.pathname, true));
  else if (kind === "static") event.respondWith(cacheFirst(event.request, false));
  else if (kind === "picture") event.respondWith(cacheFirst(event.request, true));
});
