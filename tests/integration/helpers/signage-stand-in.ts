import { createServer, type Server } from "node:http";

// A small real HTTP server that speaks the part of Crier's signage contract the kiosk
// launcher uses: /api/health, the page at /signage/{screen}?device=&kiosk=1 (whose script
// POSTs heartbeats) and GET /api/signage/{screen}/heartbeat?device=. On request it tells
// the page to hang its renderer (an endless loop), as a stuck page would.

/** One GET of the signage page, as the server saw it. */
export interface PageLoad {
  screen: string;
  device: string | null;
  kiosk: string | null;
  at: number;
}

export interface SignageStandIn {
  origin: string;
  pageLoads: PageLoad[];
  heartbeats: () => number;
  /** The next heartbeat answer makes the page spin forever; cleared by the next page load. */
  hangPage: () => void;
  hungAt: () => number | null;
  /** While false, every connection is dropped, as if the server were unreachable. */
  setReachable: (reachable: boolean) => void;
  close: () => Promise<void>;
}

const SCREEN_PATH = /^\/signage\/([A-Za-z0-9._-]+)$/;
const HEARTBEAT_PATH = /^\/api\/signage\/([A-Za-z0-9._-]+)\/heartbeat$/;

function pageHtml(screen: string): string {
  const heartbeatPath = JSON.stringify(`/api/signage/${screen}/heartbeat`);
  return `<!doctype html><meta charset="utf-8"><title>signage stand-in</title><p>stand-in</p>
<script>
const device = new URLSearchParams(location.search).get("device") ?? "";
async function beat() {
  const response = await fetch(${heartbeatPath} + "?device=" + encodeURIComponent(device), { method: "POST" });
  const { hang } = await response.json();
  if (hang) for (;;) {}
}
beat();
setInterval(beat, 2_000);
</script>`;
}

/** Starts the stand-in on 127.0.0.1:`port`. */
export async function startSignageStandIn(port: number): Promise<SignageStandIn> {
  const pageLoads: PageLoad[] = [];
  const lastSeen = new Map<string, Date>();
  let heartbeatCount = 0;
  let hangRequested = false;
  let hungAt: number | null = null;
  let isReachable = true;

  const server: Server = createServer((request, response) => {
    if (!isReachable) return void request.socket.destroy();
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    const json = (status: number, body: unknown) =>
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
    const screenMatch = SCREEN_PATH.exec(url.pathname);
    const heartbeatMatch = HEARTBEAT_PATH.exec(url.pathname);
    const device = url.searchParams.get("device");

    if (request.method === "GET" && url.pathname === "/api/health") return json(200, { status: "ok" });
    if (request.method === "GET" && screenMatch) {
      pageLoads.push({ screen: screenMatch[1], device, kiosk: url.searchParams.get("kiosk"), at: Date.now() });
      hangRequested = false;
      hungAt = null;
      return response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(pageHtml(screenMatch[1]));
    }
    if (request.method === "POST" && heartbeatMatch && device) {
      heartbeatCount++;
      lastSeen.set(device, new Date());
      if (hangRequested && hungAt === null) hungAt = Date.now();
      return json(200, { hang: hangRequested });
    }
    if (request.method === "GET" && heartbeatMatch && device) {
      const seen = lastSeen.get(device);
      return json(200, { device, lastSeen: seen?.toISOString() ?? null, showing: null, state: seen ? "seen" : "unknown" });
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    pageLoads,
    heartbeats: () => heartbeatCount,
    hangPage: () => void (hangRequested = true),
    hungAt: () => hungAt,
    setReachable: (reachable) => {
      isReachable = reachable;
      if (!reachable) server.closeAllConnections();
    },
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
