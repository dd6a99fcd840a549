// Crier's service worker: keeps the last reader pages (and their CSS and pictures)
// available offline. Network first, so nobody reads an old notice while online (a
// picture's copy never changes under its URL, so the browser's own cache answers
// those without the network anyway).
const CACHE = "crier-reader-v1";
const PICTURES = "crier-reader-pictures-v1";
const MAX_PAGES = 40;
const MAX_PICTURES = 80;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

function isCacheable(request, url) {
  if (request.method !== "GET" || url.origin !== self.location.origin) return false;
  if (url.pathname.startsWith("/admin") || url.pathname.startsWith("/api/events")) return false;
  return request.mode === "navigate" || url.pathname.startsWith("/_next/static/") || url.pathname.startsWith("/media/") || url.pathname === "/api/announcements";
}

async function trim(cache, max) {
  const keys = await cache.keys();
  const kept = keys.filter((key) => !new URL(key.url).pathname.startsWith("/_next/static/"));
  for (const key of kept.slice(0, Math.max(0, kept.length - max))) await cache.delete(key);
}

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (!isCacheable(event.request, url)) return;
  event.respondWith(
    (async () => {
      const isPicture = url.pathname.startsWith("/media/");
      const cache = await caches.open(isPicture ? PICTURES : CACHE);
      try {
        const response = await fetch(event.request);
        if (response.ok) {
          await cache.put(event.request, response.clone());
          await trim(cache, isPicture ? MAX_PICTURES : MAX_PAGES);
        } else if (isPicture && response.status === 404) {
          // Its announcement was deleted or hidden: not kept for offline either.
          await cache.delete(event.request);
        }
        return response;
      } catch (error) {
        const cached = (await cache.match(event.request, { ignoreVary: true })) ?? (event.request.mode === "navigate" ? await cache.match("/", { ignoreVary: true }) : undefined);
        if (cached) return cached;
        throw error;
      }
    })(),
  );
});

// Emergency pushes (lib/push): each message is JSON with title, body, url and lang.
self.addEventListener("push", (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch {
    return;
  }
  if (!message.title) return;
  event.waitUntil(
    self.registration.showNotification(message.title, {
      body: message.body || "",
      lang: message.lang || "",
      tag: `crier-${message.announcementId || "alert"}`,
      requireInteraction: message.kind === "emergency",
      data: { url: message.url || "/" },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url || "/", self.location.origin);
  // Only Crier's own pages open from a notification.
  if (url.origin !== self.location.origin) return;
  event.waitUntil(self.clients.openWindow(url.href));
});
